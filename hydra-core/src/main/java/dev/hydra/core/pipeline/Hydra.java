package dev.hydra.core.pipeline;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.Role;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.task.BuiltInTasks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Personalizes a black-box LLM's answers for each user: retrieve from the user's history, rerank, prompt with
 * the best items as demonstrations, sample N answers, and let the adapter pick one.
 *
 * <p>A stage that fails never loses the request: without a working retriever the prompt is zero-shot, without
 * a working reranker the retriever's order is kept, without a working adapter the first sample answers, and
 * samples that fail are left out; {@link HydraResult#degradations()} says what happened. Only when the black
 * box produces no answer at all does {@link #personalize} throw its {@link dev.hydra.api.LlmException}.
 *
 * <p>Instances are immutable and safe for concurrent use when their plugins are.
 *
 * @since 0.1
 */
public final class Hydra {

    private final Retriever retriever;
    private final Reranker reranker;
    private final Adapter adapter;
    private final LlmBackend backend;
    private final Map<String, TaskSpec> tasks;
    private final TaskSpec defaultTask;
    private final HydraConfig config;
    private final boolean greedyInPool;
    private final boolean labelCandidates;
    private final int promptWords;
    private final List<HydraListener> listeners;
    private final InFlightLimit inFlight;
    private final int maxInFlightPerUser;
    private final int maxQueryChars;

    /**
     * The most requests one user may have in flight at once, by default.
     *
     * @since 0.3
     */
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_USER = 64;

    /**
     * The longest query, in characters, by default (a 1 MB text is refused).
     *
     * @since 0.3
     */
    public static final int DEFAULT_MAX_QUERY_CHARS = 256 * 1024;
    private final EarlyAnswer early;

    /** How a degradation that left demonstrations out of the prompt begins. */
    public static final String DROPPED = "dropped ";

    private Hydra(Builder b) {
        this.retriever = b.retriever;
        this.reranker = b.reranker;
        this.adapter = b.adapter;
        this.backend = Objects.requireNonNull(b.backend, "backend: set the black-box LLM with backend(...)");
        this.tasks = Map.copyOf(b.tasks);
        this.defaultTask = Objects.requireNonNull(b.defaultTask, "task: set the default task with task(...)");
        this.config = b.config;
        this.greedyInPool = b.greedyInPool;
        this.labelCandidates = b.labelCandidates;
        this.promptWords = b.promptWords;
        this.listeners = List.copyOf(b.listeners);
        this.maxInFlightPerUser = b.maxInFlightPerUser;
        this.maxQueryChars = b.maxQueryChars;
        this.inFlight = new InFlightLimit(maxInFlightPerUser);
        this.early = b.early;
        if (retriever == null && config.k() > 0) {
            throw new IllegalStateException("k = " + config.k() + " demonstrations need a retriever; "
                    + "set retriever(...), or config k = 0 for zero-shot");
        }
    }

    /**
     * Starts a builder.
     *
     * @return a builder with HYDRA's default numbers
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers a conversation for a user under the default task; the last user message is the query.
     *
     * @param user the user
     * @param messages the conversation, ending with a user message
     * @return the answer with its evidence
     * @throws IllegalArgumentException when there is no user message last
     * @throws dev.hydra.api.LlmException when the black box produced no answer
     */
    public HydraResult personalize(UserId user, List<ChatTurn> messages) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty() || messages.get(messages.size() - 1).role() != Role.USER) {
            throw new IllegalArgumentException("messages must end with a user message; got "
                    + (messages.isEmpty() ? "none" : messages.get(messages.size() - 1).role()));
        }
        return run(new Query(user, messages.get(messages.size() - 1).text(), defaultTask.name()), messages);
    }

    /**
     * Answers one query under its task.
     *
     * @param query the query; its task must be known to this pipeline
     * @return the answer with its evidence
     * @throws IllegalArgumentException when the query's task is unknown; the message lists the known ones
     * @throws dev.hydra.api.LlmException when the black box produced no answer
     */
    public HydraResult personalize(Query query) {
        return run(query, List.of(ChatTurn.user(query.text())));
    }

    /**
     * How many users have a request in flight now (each holds one entry of the in-flight limit).
     *
     * @return the number of users
     * @since 0.3
     */
    public int inFlightUsers() {
        return inFlight.users();
    }

    /**
     * The settings of this pipeline.
     *
     * @return the numbers
     */
    public HydraConfig config() {
        return config;
    }

    /**
     * Whether this pipeline chooses among several samples (it has an adapter). When it does not, every sample after
     * the first is paid for and thrown away, so callers that pay per call (the LangChain4j decorator) ask for one.
     *
     * @return true when more than one sample can change the answer
     */
    public boolean selectsAmongSamples() {
        return adapter != null;
    }

    /**
     * The same pipeline with other settings and stages: baselines are configurations.
     *
     * @return a builder holding this pipeline's plugins and settings
     */
    public Builder toBuilder() {
        Builder b = new Builder().retriever(retriever).reranker(reranker).adapter(adapter).backend(backend)
                .config(config).greedyInPool(greedyInPool).labelCandidates(labelCandidates)
                .promptWords(promptWords).listeners(listeners).maxInFlightPerUser(maxInFlightPerUser)
                .maxQueryChars(maxQueryChars);
        b.early = early;
        b.tasks.putAll(tasks);
        b.defaultTask = defaultTask;
        return b;
    }

    private HydraResult run(Query query, List<ChatTurn> messages) {
        if (maxQueryChars > 0 && query.text().length() > maxQueryChars) {
            throw new IllegalArgumentException("the query of user " + query.userId() + " has " + query.text().length()
                    + " characters, over the limit of " + maxQueryChars + " (Hydra.builder().maxQueryChars); shorten "
                    + "it or raise the limit");
        }
        inFlight.enter(query.userId());
        try {
            return answer(query, messages);
        } finally {
            inFlight.exit(query.userId());
        }
    }

    private HydraResult answer(Query query, List<ChatTurn> messages) {
        TaskSpec task = task(query.task());
        Query plain = new Query(query.userId(), rawText(task, query.text()), task.name());
        StageTrace trace = new StageTrace(listeners);

        Future<?> prepared = prepare(plain);
        List<Scored<HistoryItem>> retrieved = trace.run(Stage.RETRIEVE, nameOf(retriever),
                () -> retrieve(plain, trace));
        List<UsedItem> used = trace.run(Stage.RERANK, nameOf(reranker), () -> {
            await(prepared, retrieved.isEmpty());
            return rerank(plain, retrieved, trace);
        });
        FewShotPrompts.Fitted fitted = FewShotPrompts.build(task, used.stream().map(UsedItem::item).toList(), messages,
                promptWords);
        if (fitted.dropped() > 0) {
            trace.degrade(new Degradation(Stage.GENERATE, "prompt", Degradation.Kind.DEMONSTRATIONS_DROPPED, DROPPED
                    + fitted.dropped() + " of " + used.size() + " demonstrations (oldest first) to fit the prompt "
                    + "budget of " + promptWords + " words", null));
            used = used.stream().filter(u -> fitted.kept().contains(u.item())).toList();
        }
        Prompt prompt = fitted.prompt();
        ArrivingSamples arriving = new ArrivingSamples(adapter, config.n() > 1 ? early : null, task, plain);
        Generation generation = trace.run(Stage.GENERATE, backend.name(), () -> generate(prompt, arriving));
        trace.samples(backend.name(), generation.candidates().size(), generation.failures().size());
        if (!generation.failures().isEmpty()) {
            trace.degrade(new Degradation(Stage.GENERATE, backend.name(), Degradation.Kind.SAMPLES_FAILED,
                    generation.failures().size() + " of " + config.n() + " samples failed (first: "
                            + generation.failures().get(0).reason() + "); chose among the rest",
                    null));
        }
        List<ScoredAnswer> answers = trace.run(Stage.ADAPT, nameOf(adapter),
                () -> choose(task, plain, withLabels(task, generation.candidates()), arriving.early(), trace));
        String answer = answers.stream().filter(ScoredAnswer::chosen).findFirst().orElseThrow().candidate().text();
        return new HydraResult(query, answer, used, answers, generation.failures(), prompt, generation.usage(),
                trace.timings(), trace.degradations());
    }

    private static String nameOf(dev.hydra.api.spi.Plugin plugin) {
        return plugin == null ? "none" : plugin.name();
    }

    private Generation generate(Prompt prompt, ArrivingSamples arriving) {
        return SamplePool.generate(backend, prompt, config.sampling(), greedyInPool,
                adapter != null && config.n() > 1 ? arriving::arrived : null);
    }

    /**
     * With label candidates on and an adapter to choose, the task's labels that no sample gave join the pool,
     * after the samples, so the adapter may choose one the user's history favours.
     */
    private List<Candidate> withLabels(TaskSpec task, List<Candidate> sampled) {
        if (!labelCandidates || adapter == null || task.labels().isEmpty() || sampled.isEmpty()) {
            return sampled;
        }
        List<Candidate> out = new ArrayList<>(sampled);
        int next = sampled.stream().mapToInt(Candidate::sampleIndex).max().orElse(-1) + 1;
        for (String label : SamplePool.missingLabels(task, sampled.stream().map(Candidate::text).toList())) {
            out.add(new Candidate(label, next++));
        }
        return out;
    }

    /** Starts the reranker's query-only work beside the retriever's, when both will run. */
    private Future<?> prepare(Query query) {
        if (reranker == null || retriever == null || config.k() == 0) {
            return null;
        }
        try {
            return QueryPreparation.start(() -> reranker.prepare(query));
        } catch (RuntimeException e) {
            return null; // no thread to spare: rerank does the work itself
        }
    }

    /** Waits for the reranker's preparation, unless it is not needed; its failure is the reranker's to redo. */
    private static void await(Future<?> prepared, boolean unneeded) {
        if (prepared == null || unneeded) {
            return;
        }
        try {
            prepared.get();
        } catch (ExecutionException e) {
            // ignored: rerank encodes what the preparation did not
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Scored<HistoryItem>> retrieve(Query query, StageTrace trace) {
        if (retriever == null || config.k() == 0) {
            return List.of();
        }
        try {
            List<Scored<HistoryItem>> found = retriever.retrieve(query, config.m());
            List<Scored<HistoryItem>> own = found.stream()
                    .filter(s -> s.value().userId().equals(query.userId())).toList();
            if (own.size() != found.size()) {
                trace.degrade(new Degradation(Stage.RETRIEVE, retriever.name(),
                        Degradation.Kind.FOREIGN_ITEMS_DROPPED, "retriever '" + retriever.name() + "' returned "
                                + (found.size() - own.size()) + " item(s) of other users; they were dropped",
                        null));
            }
            return own;
        } catch (RuntimeException e) {
            trace.failed(Stage.RETRIEVE, retriever.name(), e, "retriever '" + retriever.name() + "' failed (" + e
                    + "); answered zero-shot");
            return List.of();
        }
    }

    private List<UsedItem> rerank(Query query, List<Scored<HistoryItem>> retrieved, StageTrace trace) {
        int k = config.k();
        Map<String, Double> retrievalScores = new HashMap<>();
        retrieved.forEach(s -> retrievalScores.put(s.value().id(), s.score()));
        if (reranker != null && !retrieved.isEmpty()) {
            try {
                List<UsedItem> used = new ArrayList<>();
                for (Scored<HistoryItem> s : reranker.rerank(query, retrieved, k)) { // only given items, at most k
                    used.add(new UsedItem(s.value(), used.size(), retrievalScores.get(s.value().id()),
                            OptionalDouble.of(s.score())));
                }
                return used;
            } catch (RuntimeException e) {
                trace.failed(Stage.RERANK, reranker.name(), e, "reranker '" + reranker.name() + "' failed (" + e
                        + "); kept the retriever's order");
            }
        }
        List<UsedItem> used = new ArrayList<>();
        for (Scored<HistoryItem> s : retrieved.subList(0, Math.min(k, retrieved.size()))) {
            used.add(new UsedItem(s.value(), used.size(), s.score(), OptionalDouble.empty()));
        }
        return used;
    }

    private List<ScoredAnswer> choose(TaskSpec task, Query query, List<Candidate> candidates, Candidate early,
            StageTrace trace) {
        Map<Candidate, OptionalDouble> scores = new LinkedHashMap<>();
        candidates.forEach(c -> scores.put(c, OptionalDouble.empty()));
        Candidate best = firstReadable(task, candidates);
        if (adapter != null && candidates.size() > 1) {
            try {
                List<Scored<Candidate>> scored = adapter.score(query, candidates); // one per candidate, in order
                boolean anyReadable = candidates.stream().anyMatch(c -> readable(task, c));
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < scored.size(); i++) {
                    Scored<Candidate> s = scored.get(i);
                    scores.put(candidates.get(i), OptionalDouble.of(s.score()));
                    boolean eligible = !anyReadable || readable(task, candidates.get(i));
                    if (eligible && s.score() > bestScore) {
                        bestScore = s.score();
                        best = candidates.get(i);
                    }
                }
            } catch (RuntimeException e) {
                candidates.forEach(c -> scores.put(c, OptionalDouble.empty()));
                best = firstReadable(task, candidates);
                trace.failed(Stage.ADAPT, adapter.name(), e, "adapter '" + adapter.name() + "' failed (" + e
                        + "); answered with the first sample");
            }
        }
        Candidate chosen = early != null && candidates.contains(early) ? early : best;
        return scores.entrySet().stream()
                .map(e -> new ScoredAnswer(e.getKey(), e.getValue(), e.getKey().equals(chosen)))
                .toList();
    }

    /** Whether the task can read an answer: an unreadable label or rating is never chosen over a readable one. */
    private static boolean readable(TaskSpec task, Candidate c) {
        return task.labels().isEmpty() || task.parse(c.text()).isPresent();
    }

    private static Candidate firstReadable(TaskSpec task, List<Candidate> candidates) {
        return candidates.stream().filter(c -> readable(task, c)).findFirst().orElse(candidates.get(0));
    }

    private TaskSpec task(String name) {
        TaskSpec task = tasks.get(name);
        if (task == null) {
            throw new IllegalArgumentException("unknown task \"" + name + "\"; this pipeline knows "
                    + new java.util.TreeSet<>(tasks.keySet()) + ". Add it with Hydra.builder().task(...)");
        }
        return task;
    }

    private static String rawText(TaskSpec task, String text) {
        String raw = BuiltInTasks.rawText(task, text);
        return raw.isBlank() ? text : raw;
    }

    /** Builds a {@link Hydra} from its plugins and numbers. */
    public static final class Builder {

        private Retriever retriever;
        private Reranker reranker;
        private Adapter adapter;
        private LlmBackend backend;
        private final Map<String, TaskSpec> tasks = new HashMap<>();
        private TaskSpec defaultTask;
        private HydraConfig config = HydraConfig.DEFAULTS;
        private boolean greedyInPool = true;
        private boolean labelCandidates;
        private int promptWords;
        private final List<HydraListener> listeners = new ArrayList<>();
        private int maxInFlightPerUser = DEFAULT_MAX_IN_FLIGHT_PER_USER;
        private int maxQueryChars = DEFAULT_MAX_QUERY_CHARS;
        private EarlyAnswer early;

        private Builder() {}

        /**
         * The most requests one user may have in flight at once (default {@value #DEFAULT_MAX_IN_FLIGHT_PER_USER});
         * one more is refused at once with a {@link dev.hydra.api.HydraException} naming the limit, so that a flood
         * for one user holds no thread and no memory beyond the limit's.
         *
         * @param max at least 1, or 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @since 0.3
         */
        public Builder maxInFlightPerUser(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxInFlightPerUser must be >= 0 (0: no limit), was " + max);
            }
            this.maxInFlightPerUser = max;
            return this;
        }

        /**
         * The longest query in characters (default {@value #DEFAULT_MAX_QUERY_CHARS}); a longer one is refused with
         * an {@link IllegalArgumentException} naming the limit, before any stage runs.
         *
         * @param max at least 1, or 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @since 0.3
         */
        public Builder maxQueryChars(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxQueryChars must be >= 0 (0: no limit), was " + max);
            }
            this.maxQueryChars = max;
            return this;
        }

        /**
         * Answers early: with an adapter and N &gt; 1, each sample is scored by the adapter alone (a pool of one) as
         * soon as it completes, and the first one the task can read whose score is at least {@code threshold} is
         * handed to {@code onAnswer} at once, on its sample's thread, and becomes the answer, whatever the samples
         * after it score. The other samples still complete, and are scored as a pool for the result's evidence.
         * When no sample clears the threshold, the pool's best answers as usual and {@code onAnswer} is not
         * called. A streaming caller streams the early answer and so gives its first token before the slowest
         * sample ends. What {@code onAnswer} throws is ignored.
         *
         * @param threshold the score a sample must reach alone, in the adapter's units
         * @param onAnswer receives the early answer, at most once per request; never {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the threshold is not a number
         * @since 0.3
         */
        public Builder earlyAnswer(double threshold, java.util.function.Consumer<Candidate> onAnswer) {
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("earlyAnswer threshold is NaN: give a score in the adapter's "
                        + "units, e.g. 0.5");
            }
            this.early = new EarlyAnswer(threshold, Objects.requireNonNull(onAnswer, "onAnswer must not be null"));
            return this;
        }

        /**
         * Adds a listener of every request's stages, failures and degradations, e.g. hydra-micrometer's metrics.
         *
         * @param listener the listener; never {@code null}
         * @return this builder
         * @since 0.2
         */
        public Builder listener(HydraListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * Adds listeners, in order.
         *
         * @param more the listeners; none {@code null}
         * @return this builder
         * @since 0.2
         */
        public Builder listeners(List<HydraListener> more) {
            more.forEach(this::listener);
            return this;
        }

        /**
         * The most words a prompt may hold (default 0: no limit); over it, the oldest demonstrations are left out
         * first, and the result's degradations say how many ({@link Hydra#DROPPED}).
         *
         * @param maxWords the budget, at least 0
         * @return this builder
         * @throws IllegalArgumentException when the budget is negative
         */
        public Builder promptWords(int maxWords) {
            if (maxWords < 0) {
                throw new IllegalArgumentException("promptWords must be >= 0 (0: no limit), was " + maxWords);
            }
            this.promptWords = maxWords;
            return this;
        }

        /**
         * Whether, with N > 1 samples at a temperature above 0, the first answer of the pool is the greedy one
         * (plain RAG's answer) and the other N - 1 are sampled (default: true). The black box is then called
         * twice per request: once greedily, once for the N - 1 samples.
         *
         * @param value true for a greedy answer in the pool
         * @return this builder
         */
        public Builder greedyInPool(boolean value) {
            this.greedyInPool = value;
            return this;
        }

        /**
         * Whether, for tasks with a label set and with an adapter, the labels that no sample gave join the pool
         * as candidates, so that the adapter may choose one the user's history favours (default: false).
         *
         * @param value true to add the missing labels
         * @return this builder
         */
        public Builder labelCandidates(boolean value) {
            this.labelCandidates = value;
            return this;
        }

        /**
         * Sets the retriever (needed when k > 0).
         *
         * @param retriever the retriever, or {@code null} for none
         * @return this builder
         */
        public Builder retriever(Retriever retriever) {
            this.retriever = retriever;
            return this;
        }

        /**
         * Sets the reranker; without one the retriever's order is kept.
         *
         * @param reranker the reranker, or {@code null} for none
         * @return this builder
         */
        public Builder reranker(Reranker reranker) {
            this.reranker = reranker;
            return this;
        }

        /**
         * Sets the adapter; without one the first sample answers.
         *
         * @param adapter the adapter, or {@code null} for none
         * @return this builder
         */
        public Builder adapter(Adapter adapter) {
            this.adapter = adapter;
            return this;
        }

        /**
         * Sets the black box.
         *
         * @param backend the LLM backend
         * @return this builder
         */
        public Builder backend(LlmBackend backend) {
            this.backend = backend;
            return this;
        }

        /**
         * Adds a task and makes it the default of {@link Hydra#personalize(UserId, List)}.
         *
         * @param task the task
         * @return this builder
         */
        public Builder task(TaskSpec task) {
            tasks.put(task.name(), task);
            this.defaultTask = task;
            return this;
        }

        /**
         * Adds tasks that queries may name, keeping the default.
         *
         * @param more the tasks
         * @return this builder
         */
        public Builder addTasks(List<TaskSpec> more) {
            more.forEach(t -> tasks.put(t.name(), t));
            return this;
        }

        /**
         * Sets the numbers.
         *
         * @param config M, k, N, temperature, tokens and seed
         * @return this builder
         */
        public Builder config(HydraConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @return the pipeline
         * @throws NullPointerException when the backend or the task is missing; the message says which
         * @throws IllegalStateException when k > 0 and there is no retriever
         */
        public Hydra build() {
            return new Hydra(this);
        }
    }
}

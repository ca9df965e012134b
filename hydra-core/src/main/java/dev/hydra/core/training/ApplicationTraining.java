package dev.hydra.core.training;

import dev.hydra.api.Prompt;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.llm.BudgetedLlmBackend;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.core.metrics.Rouge;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToLongFunction;

/**
 * Trains HYDRA's bases and the users' heads from the side of an application: from the users already in its
 * {@link HistoryStore}, with its own model as the black box, within an {@link LlmBudget} that it never exceeds.
 *
 * <pre>{@code
 * ApplicationTrainingReport report = ApplicationTraining.builder()
 *         .store(history).task(new ChatTask()).backend(yourBackend)
 *         .cache(new LlmResponseCache(Path.of("hydra-cache"))).scorers(new DjlScorerFactory(encoder, heads))
 *         .budget(LlmBudget.ofCalls(300)).build()
 *         .train(Path.of("hydra-model"));
 * }</pre>
 *
 * <p><b>Budget.</b> The backend is wrapped as {@code cache(budget(backend))}: a call that reaches the backend is
 * counted, an answer from the cache is not. Before any call the run {@linkplain TrainingPlan plans} the training
 * queries the budget affords (every call counted as uncached, tokens at their ceiling), round-robin over the users,
 * and trains on those only; a query whose calls the budget refuses anyway (the backend reported more tokens than
 * planned, or a ceiling of your own was lower) is left out, and the report says so. A budget that affords no
 * query trains nothing and says how much one query costs.
 *
 * <p><b>Resuming.</b> The same store, settings and budget give the same plan and the same prompts, so a rerun
 * over the same cache makes no new call; a run cut short (killed, or a backend failing) is rerun and pays only for
 * the answers it did not get. A bigger budget later extends the plan and pays for the new part only (the
 * adapter's prompts follow the reranker retrained on more pairs, so they are mostly new). The budget is a run's:
 * it does not carry over.
 *
 * <p><b>Users.</b> Every user of the store (or {@link Builder#users}) with at least two history items gives up
 * to R pseudo-queries (leave-one-out: an item's input is the query, its output the gold, the user's other items
 * the neighbours). The users reached get heads; the others keep the shared bases until fitted.
 *
 * @since 0.2
 */
public final class ApplicationTraining {

    /** The retriever used when none is given: BM25 as HYDRA and LaMP use it (from hydra-retrievers). */
    public static final String DEFAULT_RETRIEVER = "bm25-okapi";

    private final Builder b;

    private ApplicationTraining(Builder b) {
        this.b = b;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; the store, task, backend, cache, scorers and budget are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plans within the budget, trains, and writes the model directory when there is something to train on.
     *
     * @param dir the model directory to write
     * @return what the budget bought; {@link ApplicationTrainingReport#trained()} says whether a model was written
     * @throws dev.hydra.api.HydraException when the model cannot be written
     */
    public ApplicationTrainingReport train(Path dir) {
        Objects.requireNonNull(dir, "dir must not be null");
        long start = System.nanoTime();
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(b.backend, b.budget, b.promptCeiling);
        CachingLlmBackend cached = new CachingLlmBackend(budgeted, b.cache);
        long hitsBefore = b.cache.hits();
        HydraTrainer trainer = HydraTrainer.builder().store(b.store).retriever(retriever()).task(b.task)
                .backend(cached).scorers(b.scorers).config(b.config).pseudoQueriesPerUser(b.pseudoQueriesPerUser)
                .rerankerLabels(b.rerankerLabels).similarity(b.similarity).progress(b.progress).build();
        List<UserId> users = b.users != null ? b.users : b.store.users();
        List<TrainingQuery> queries = trainer.queriesOf(users);
        TrainingPlan plan = TrainingPlan.of(queries, b.task, b.config, b.rerankerLabels == RerankerLabelSource.LLM,
                b.promptCeiling, b.budget);
        b.progress.update("plan: training queries the budget affords", plan.chosen().size(), queries.size());
        if (plan.chosen().isEmpty()) {
            boolean noData = queries.isEmpty();
            String message = noData
                    ? "nothing trained: none of the " + users.size() + " users has two history items to draw a "
                            + "training query from; add history first"
                    : "nothing trained: the budget of " + b.budget + " does not afford one training query; the "
                            + "cheapest costs " + plan.cheapestCalls() + " calls ("
                            + (plan.cheapestCalls() - b.config.n())
                            + " reranker labels and " + b.config.n() + " adapter answers)"
                            + (b.budget.limitsTokens() ? " and its tokens" : "") + ", and all " + queries.size()
                            + " would cost about " + queries.stream().mapToLong(q -> TrainingPlan.calls(q, b.config,
                                    b.rerankerLabels == RerankerLabelSource.LLM)).sum()
                            + " calls; raise the budget";
            return report(noData ? ApplicationTrainingReport.Outcome.NO_TRAINING_DATA
                    : ApplicationTrainingReport.Outcome.BUDGET_TOO_SMALL, message, dir, users, queries, plan,
                    budgeted, hitsBefore, ApplicationTrainingReport.Module.NONE, ApplicationTrainingReport.Module.NONE,
                    start);
        }
        Map<String, Object> budgetEntry = new LinkedHashMap<>();
        budgetEntry.put("max_calls", b.budget.maxCalls());
        budgetEntry.put("max_tokens", b.budget.limitsTokens() ? b.budget.maxTokens() : null);
        budgetEntry.put("queries_available", queries.size());
        budgetEntry.put("queries_planned", plan.chosen().size());
        try (HydraModel model = trainer.train(plan.users(), plan.chosen(), dir, Map.of("budget", budgetEntry))) {
            BudgetedLlmBackend.Spent spent = budgeted.spent();
            boolean all = plan.chosen().size() == queries.size() && spent.refusals() == 0;
            String message = (all ? "trained on all " : "trained within the budget on ") + plan.chosen().size()
                    + " of " + queries.size() + " training queries of " + plan.users().size() + " users"
                    + (spent.refusals() > 0 ? "; the budget ran out during training: " + spent.refusals()
                            + " requests refused, their queries left out" : "")
                    + (all ? "" : "; a bigger budget would train on more") + "; model at " + dir;
            AnchorWeights anchors = model.anchors();
            Map<?, ?> selection = (Map<?, ?>) model.manifest().getOrDefault("selection", Map.of());
            ApplicationTrainingReport.Module reranker = new ApplicationTrainingReport.Module(
                    number(model.manifest().get("reranker_pairs")).intValue(),
                    number(selection.get("reranker_queries")).intValue(), "precision of the top k",
                    number(selection.get("reranker_precision_at_k_retriever")).doubleValue(),
                    number(selection.get("reranker_precision_at_k_chosen")).doubleValue(), anchors.rerankerAlpha());
            double agreement = number(selection.get("adapter_quality_agreement")).doubleValue();
            double greedy = number(selection.get("adapter_quality_greedy")).doubleValue();
            ApplicationTrainingReport.Module adapter = new ApplicationTrainingReport.Module(
                    number(model.manifest().get("adapter_pairs")).intValue(),
                    number(selection.get("adapter_queries")).intValue(), "quality of the chosen answer",
                    Math.max(agreement, greedy), number(selection.get("adapter_quality_chosen")).doubleValue(),
                    anchors.adapterBeta());
            return report(all ? ApplicationTrainingReport.Outcome.TRAINED
                    : ApplicationTrainingReport.Outcome.TRAINED_WITHIN_BUDGET, message, dir, users, queries, plan,
                    budgeted, hitsBefore, reranker, adapter, start);
        }
    }

    private ApplicationTrainingReport report(ApplicationTrainingReport.Outcome outcome, String message, Path dir,
            List<UserId> users, List<TrainingQuery> queries, TrainingPlan plan, BudgetedLlmBackend budgeted,
            long hitsBefore, ApplicationTrainingReport.Module reranker, ApplicationTrainingReport.Module adapter,
            long start) {
        BudgetedLlmBackend.Spent spent = budgeted.spent();
        return new ApplicationTrainingReport(outcome, message, dir, b.budget, users.size(), plan.users().size(),
                queries.size(), plan.chosen().size(), plan.calls(), spent.calls(), spent.tokens(),
                spent.callsWithEstimatedTokens(), spent.refusals(), b.cache.hits() - hitsBefore, reranker, adapter,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }

    private Retriever retriever() {
        if (b.retriever != null) {
            return b.retriever;
        }
        RetrieverProvider provider = PluginRegistry.fromServiceLoader(ApplicationTraining.class.getClassLoader())
                .find(RetrieverProvider.class, DEFAULT_RETRIEVER).orElseThrow(() -> new IllegalStateException(
                        "no retriever given and no \"" + DEFAULT_RETRIEVER + "\" retriever on the class path: add "
                                + "hydra-retrievers, or set ApplicationTraining.builder().retriever(yourRetriever)"));
        return provider.create(new RetrieverContext(b.store, Optional.empty(), Map.of()));
    }

    /** Builds an {@link ApplicationTraining}. */
    public static final class Builder {

        private HistoryStore store;
        private Retriever retriever;
        private TaskSpec task;
        private LlmBackend backend;
        private ResponseCache cache;
        private TrainableScorer.Factory scorers;
        private LlmBudget budget;
        private HydraConfig config = HydraConfig.DEFAULTS;
        private int pseudoQueriesPerUser = 10;
        private RerankerLabelSource rerankerLabels = RerankerLabelSource.LLM;
        private ToDoubleBiFunction<String, String> similarity = (answer, gold) -> Rouge.meanF(gold, answer);
        private ProgressListener progress = ProgressListener.NONE;
        private ToLongFunction<Prompt> promptCeiling = BudgetedLlmBackend::promptTokenCeiling;
        private List<UserId> users;

        private Builder() {}

        /**
         * The application's history store, whose users are trained on (required).
         *
         * @param store the store; never {@code null}
         * @return this builder
         */
        public Builder store(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * The retriever over that store (default: {@value #DEFAULT_RETRIEVER} from hydra-retrievers); use the one
         * the serving pipeline uses.
         *
         * @param retriever the retriever; never {@code null}
         * @return this builder
         */
        public Builder retriever(Retriever retriever) {
            this.retriever = Objects.requireNonNull(retriever, "retriever must not be null");
            return this;
        }

        /**
         * The task (required), e.g. {@code new ChatTask()} for free-form answers.
         *
         * @param task the task; never {@code null}
         * @return this builder
         */
        public Builder task(TaskSpec task) {
            this.task = Objects.requireNonNull(task, "task must not be null");
            return this;
        }

        /**
         * The application's own model as the black box (required), not cached: the budget counts the calls that
         * reach it. A LangChain4j {@code ChatModel} becomes one with hydra-langchain4j's
         * {@code LangChain4jLlmBackend.builder().chatModel(model).build()}.
         *
         * @param backend the backend; never {@code null}
         * @return this builder
         */
        public Builder backend(LlmBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend must not be null");
            return this;
        }

        /**
         * The response cache (required): answers already paid for are taken from it and cost no budget, which
         * makes a rerun free and a cut-short run resumable. Erase a user's entries with {@code UserErasure}.
         *
         * @param cache the cache; never {@code null}
         * @return this builder
         */
        public Builder cache(LlmResponseCache cache) {
            return cache((ResponseCache) cache);
        }

        /**
         * The response cache (required), wherever it keeps the answers, as a database table that several
         * instances share: see {@link #cache(LlmResponseCache)}.
         *
         * @param cache the cache; never {@code null}
         * @return this builder
         * @since 0.4
         */
        public Builder cache(ResponseCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache must not be null");
            return this;
        }

        /**
         * The scorer implementation (required), e.g. hydra-heads' {@code new DjlScorerFactory(encoder, new
         * FileHeadStore(modelDir))}.
         *
         * @param scorers the factory; never {@code null}
         * @return this builder
         */
        public Builder scorers(TrainableScorer.Factory scorers) {
            this.scorers = Objects.requireNonNull(scorers, "scorers must not be null");
            return this;
        }

        /**
         * The most calls and tokens of the backend this run may spend (required).
         *
         * @param budget the budget; never {@code null}
         * @return this builder
         */
        public Builder budget(LlmBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget must not be null");
            return this;
        }

        /**
         * The numbers shared with the serving pipeline (default {@link HydraConfig#DEFAULTS}); see
         * {@link HydraTrainer.Builder#config}.
         *
         * @param config the settings; never {@code null}
         * @return this builder
         */
        public Builder config(HydraConfig config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
            return this;
        }

        /**
         * R, the most pseudo-queries drawn from each user's history (default 10, as HYDRA).
         *
         * @param r at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code r} is below 1
         */
        public Builder pseudoQueriesPerUser(int r) {
            if (r < 1) {
                throw new IllegalArgumentException("pseudoQueriesPerUser must be >= 1, was " + r
                        + "; HYDRA draws 10 per user");
            }
            this.pseudoQueriesPerUser = r;
            return this;
        }

        /**
         * Where the reranker's labels come from (default {@link RerankerLabelSource#LLM}; {@code OUTPUT} asks no
         * call for them).
         *
         * @param source the source; never {@code null}
         * @return this builder
         */
        public Builder rerankerLabels(RerankerLabelSource source) {
            this.rerankerLabels = Objects.requireNonNull(source, "rerankerLabels must not be null: LLM or OUTPUT");
            return this;
        }

        /**
         * How close an answer is to the gold for free-text tasks (default: mean of ROUGE-1 and ROUGE-L F1).
         *
         * @param similarity {@code (answer, gold) -> similarity in [0, 1]}; never {@code null}
         * @return this builder
         */
        public Builder similarity(ToDoubleBiFunction<String, String> similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity must not be null");
            return this;
        }

        /**
         * Hears the plan and the progress of each stage (default: nobody).
         *
         * @param progress the listener; never {@code null}
         * @return this builder
         */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress must not be null");
            return this;
        }

        /**
         * The most tokens a prompt can be, for the budget's reservations (default
         * {@link BudgetedLlmBackend#promptTokenCeiling}, UTF-8 bytes plus the chat template): give one from your
         * model's tokenizer for a token budget that buys more.
         *
         * @param ceiling the ceiling; never {@code null}
         * @return this builder
         */
        public Builder promptCeiling(ToLongFunction<Prompt> ceiling) {
            this.promptCeiling = Objects.requireNonNull(ceiling, "promptCeiling must not be null");
            return this;
        }

        /**
         * The users to train on (default: every user of the store).
         *
         * @param users the users; never {@code null}
         * @return this builder
         */
        public Builder users(List<UserId> users) {
            this.users = List.copyOf(Objects.requireNonNull(users, "users must not be null"));
            return this;
        }

        /**
         * Builds the training.
         *
         * @return the training
         * @throws IllegalStateException when a required part is missing; the message says what to set
         */
        public ApplicationTraining build() {
            require(store, "store", "store(historyStore)");
            require(task, "task", "task(new ChatTask())");
            require(backend, "backend", "backend(LangChain4jLlmBackend.builder().chatModel(yourModel).build())");
            require(cache, "cache", "cache(new LlmResponseCache(cacheDir))");
            require(scorers, "scorers", "scorers(new DjlScorerFactory(encoder, new FileHeadStore(modelDir)))");
            require(budget, "budget", "budget(LlmBudget.ofCalls(300))");
            return new ApplicationTraining(this);
        }

        private static void require(Object part, String name, String setter) {
            if (part == null) {
                throw new IllegalStateException(name + " is required: ApplicationTraining.builder()." + setter);
            }
        }
    }
}

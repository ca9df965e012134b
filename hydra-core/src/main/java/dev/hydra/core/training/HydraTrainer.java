package dev.hydra.core.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.anchor.AnchoredReranker;
import dev.hydra.core.metrics.Rouge;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToIntFunction;

/**
 * Trains a HYDRA model in the stages of DESIGN.md §5, and fits heads for users outside training.
 *
 * <ol>
 *   <li>pseudo-queries from each training user's history (plus their real query, when the data has one);
 *   <li>reranker labels from the black box, then the reranker's base and heads trained jointly;
 *   <li>adapter candidates from the black box, with the trained reranker's demonstrations, then the adapter's
 *       base and heads trained jointly;
 *   <li>{@link #fit}: for a user outside training, the same data from their own history only, and fresh heads
 *       fitted with the bases frozen.
 * </ol>
 * Every black-box call should go through the response cache, so that a rerun (or a resumed run) costs no call
 * and gives the same data; every stage writes what it made under {@code <model>/work/} for inspection. All
 * randomness comes from the configured seed.
 *
 * @since 0.1
 */
public final class HydraTrainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HistoryStore store;
    private final Retriever retriever;
    private final TaskSpec task;
    private final LlmBackend backend;
    private final TrainableScorer.Factory scorers;
    private final HydraConfig config;
    private final int pseudoQueriesPerUser;
    private final RerankerLabelSource rerankerLabels;
    private final ToDoubleBiFunction<String, String> similarity;
    private final ProgressListener progress;
    private final int historyWindow;

    private HydraTrainer(Builder b) {
        this.store = b.store;
        this.retriever = b.retriever;
        this.task = b.task;
        this.backend = b.backend;
        this.scorers = b.scorers;
        this.config = b.config;
        this.pseudoQueriesPerUser = b.pseudoQueriesPerUser;
        this.rerankerLabels = b.rerankerLabels;
        this.similarity = b.similarity;
        this.progress = b.progress;
        this.historyWindow = b.historyWindow;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with HYDRA's numbers ({@link HydraConfig#DEFAULTS}, 10 pseudo-queries per user, LLM labels);
     *     the store, retriever, task, backend and scorers are required
     * @since 0.2
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The numbers this trainer trains with, the pipeline's (M, k, N, temperature, tokens, seed).
     *
     * @return the settings
     * @since 0.2
     */
    public HydraConfig config() {
        return config;
    }

    /**
     * Trains the bases and the training users' heads, and writes the model directory.
     *
     * @param users the training users; their histories are in the store
     * @param realQueries the training users' real queries with gold answers (may be empty)
     * @param dir the model directory to write
     * @return the trained model, loaded
     * @throws IllegalArgumentException when a real query belongs to a user outside {@code users}
     */
    public HydraModel train(List<UserId> users, List<LabeledQuery> realQueries, Path dir) {
        for (LabeledQuery q : realQueries) {
            if (!users.contains(q.user())) {
                throw new IllegalArgumentException("real query " + q.id() + " belongs to " + q.user()
                        + ", who is not a training user; a test user's query must never reach training");
            }
        }
        return train(users, queries(users, realQueries), dir, Map.of());
    }

    /**
     * The training queries of some users, with no real query: up to R pseudo-queries each, in user order.
     *
     * @param users the users
     * @return their pseudo-queries
     */
    List<TrainingQuery> queriesOf(List<UserId> users) {
        return queries(users, List.of());
    }

    /**
     * Trains on given training queries (e.g. the part of them a budget affords), and writes the model directory.
     *
     * @param users the training users
     * @param queries their training queries
     * @param dir the model directory to write
     * @param extra more entries for the manifest
     * @return the trained model, loaded
     */
    HydraModel train(List<UserId> users, List<TrainingQuery> queries, Path dir, Map<String, Object> extra) {
        HydraModel.invalidate(dir);
        write(dir, "pseudo-queries", queries.stream().map(q -> Map.of("user", q.user().value(), "id", q.id(),
                "neighbours", q.neighbours().size())).toList());

        List<LabeledPair> rerankerPairs = rerankerLabels().label(queries, progress);
        write(dir, "reranker-pairs", rerankerPairs);
        ToIntFunction<TrainingQuery> foldOf = q -> AnchorSelection.fold(q.user().value(), q.id(), config.seed());
        AnchorSelection selection = new AnchorSelection(task, config.k());
        List<Reranker> foldRerankers = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            foldRerankers.add(foldScorer(HeadStore.RERANKER, outsideFold(rerankerPairs, f), config.seed(), progress)
                    .map(TrainableScorer::asReranker).orElse(KEEP_ORDER));
        }
        double alpha = selection.alpha(queries, rerankerPairs, foldOf, foldRerankers, config.m());
        TrainableScorer reranker = scorers.create(HeadStore.RERANKER, config.seed());
        reranker.train(rerankerPairs, config.seed(), progress);
        reranker.save(dir.resolve(HeadStore.RERANKER));
        AnchorWeights weights = new AnchorWeights(alpha, config.m(), 0, 0);

        AdapterCandidates candidates = new AdapterCandidates(task, backend,
                new AnchoredReranker(reranker.asReranker(), weights), config.k(), config.sampling());
        List<AdapterCandidates.Pool> pools = candidates.pools(queries, progress);
        List<LabeledPair> adapterPairs = candidates.pairs(pools);
        write(dir, "adapter-pairs", adapterPairs);
        List<Adapter> foldAdapters = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            foldAdapters.add(foldScorer(HeadStore.ADAPTER, outsideFold(adapterPairs, f), config.seed() + 1, progress)
                    .map(TrainableScorer::asAdapter).orElse(NO_OPINION));
        }
        double[] chosen = selection.adapter(pools, foldOf, foldAdapters, store, historyWindow);
        weights = weights.withAdapter(chosen[0], chosen[1], chosen[2]);
        TrainableScorer adapter = scorers.create(HeadStore.ADAPTER, config.seed() + 1);
        if (!adapterPairs.isEmpty()) { // else no pool told a better answer from a worse one: beta is 0
            adapter.train(adapterPairs, config.seed() + 1, progress);
        }
        adapter.save(dir.resolve(HeadStore.ADAPTER));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", HydraModel.FORMAT);
        manifest.put("task", task.name());
        manifest.put("scorer", scorers.describe());
        manifest.put("trainer", Map.of("pseudo_queries_per_user", pseudoQueriesPerUser, "m", config.m(),
                "k", config.k(), "n", config.n(), "temperature", config.temperature(),
                "max_tokens", config.maxTokens(), "seed", config.seed(), "reranker_labels",
                rerankerLabels.name()));
        manifest.put("llm", Map.of("backend", backend.name(), "model", backend.modelId()));
        manifest.put("training_users", users.stream().map(UserId::value).sorted().toList());
        manifest.put("anchors", weights.toMap());
        manifest.put("label_candidates", chosen[3] > 0);
        manifest.put("selection", selection.report());
        manifest.put("reranker_pairs", rerankerPairs.size());
        manifest.put("adapter_pairs", adapterPairs.size());
        manifest.put("data_fingerprint", fingerprint(rerankerPairs, adapterPairs));
        manifest.putAll(extra);
        HydraModel.writeManifest(dir, manifest);
        return new HydraModel(dir, manifest, reranker, adapter);
    }

    /**
     * Fits fresh heads for users outside training from their own histories only, the bases frozen. A module whose
     * learned correction has weight 0 in the model ({@link HydraModel#anchors()}) is not fitted: its head would not
     * be used, and its labels would cost LLM calls for nothing. Each user's labeled pairs are kept in the model's
     * work folder ({@code work/fitted-*-pairs.jsonl}), so that {@link BaseRetraining} refits the head on new bases
     * without the LLM.
     *
     * @param model the trained model
     * @param users the users to fit
     * @return per module, how many labeled pairs it learned from ({@code reranker}, {@code adapter}) and how many
     *     users kept a head of their own ({@code reranker_heads}, {@code adapter_heads}), summed over the users
     */
    public Map<String, Integer> fit(HydraModel model, List<UserId> users) {
        AnchorWeights weights = model.anchors();
        boolean fitReranker = weights.rerankerAlpha() > 0;
        boolean fitAdapter = weights.adapterBeta() > 0;
        int[] counts = new int[4];
        for (UserId user : users) {
            List<TrainingQuery> queries = pseudoQueries().forUser(user, store.newest(user, historyWindow),
                    config.seed());
            if (fitReranker) {
                List<LabeledPair> r = rerankerLabels().label(queries, progress);
                counts[0] += r.size();
                FittedRows.replace(model.dir(), HeadStore.RERANKER, user, r);
                counts[2] += model.rerankerScorer().fit(user, r, config.seed()) ? 1 : 0;
            }
            if (fitAdapter) {
                List<LabeledPair> a = new AdapterCandidates(task, backend, model.reranker(), config.k(),
                        config.sampling()).label(queries, progress);
                counts[1] += a.size();
                FittedRows.replace(model.dir(), HeadStore.ADAPTER, user, a);
                counts[3] += model.adapterScorer().fit(user, a, config.seed()) ? 1 : 0;
            }
            progress.update("fit users", users.indexOf(user) + 1, users.size());
        }
        return Map.of(HeadStore.RERANKER, counts[0], HeadStore.ADAPTER, counts[1], "reranker_heads", counts[2],
                "adapter_heads", counts[3]);
    }

    private RerankerLabels rerankerLabels() {
        return new RerankerLabels(task, backend, config.maxTokens(), similarity, rerankerLabels);
    }

    /** A scorer trained on some pairs for cross-fitting, or empty when there are none to train on. */
    private java.util.Optional<TrainableScorer> foldScorer(String module, List<LabeledPair> pairs, long seed,
            ProgressListener progress) {
        if (pairs.isEmpty()) {
            return java.util.Optional.empty();
        }
        TrainableScorer scorer = scorers.isolated().create(module, seed); // its heads stay its own
        scorer.train(pairs, seed, progress);
        return java.util.Optional.of(scorer);
    }

    private List<LabeledPair> outsideFold(List<LabeledPair> pairs, int fold) {
        return pairs.stream().filter(p -> AnchorSelection.fold(p.user().value(), p.queryId(), config.seed()) != fold)
                .toList();
    }

    /** Keeps the retriever's order: the fold's stand-in when it has nothing to learn from. */
    private static final Reranker KEEP_ORDER = new Reranker() {
        @Override
        public String name() {
            return "keep-order";
        }

        @Override
        public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
            return candidates.stream().limit(k).map(s -> new Scored<>(s.value(), 0.0)).toList();
        }
    };

    /** Scores every candidate the same: the fold's stand-in when it has nothing to learn from. */
    private static final Adapter NO_OPINION = new Adapter() {
        @Override
        public String name() {
            return "no-opinion";
        }

        @Override
        public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
            return candidates.stream().map(c -> new Scored<>(c, 0.0)).toList();
        }
    };

    private List<TrainingQuery> queries(List<UserId> users, List<LabeledQuery> realQueries) {
        PseudoQueries pseudo = pseudoQueries();
        List<TrainingQuery> out = new ArrayList<>();
        for (LabeledQuery q : realQueries) {
            out.add(pseudo.realQuery(q.user(), q.id(), BuiltInTasks.rawText(task, q.text()), q.gold()));
        }
        int done = 0;
        for (UserId user : users) {
            out.addAll(pseudo.forUser(user, store.newest(user, historyWindow), config.seed()));
            progress.update("pseudo-queries", ++done, users.size());
        }
        return out;
    }

    private PseudoQueries pseudoQueries() {
        return new PseudoQueries(retriever, task, pseudoQueriesPerUser, config.m());
    }

    private static void write(Path dir, String name, List<?> rows) {
        Path file = dir.resolve("work").resolve(name + ".jsonl");
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Object row : rows) {
                    w.write(JSON.writeValueAsString(row));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new HydraException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String fingerprint(List<LabeledPair> reranker, List<LabeledPair> adapter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (List<LabeledPair> pairs : List.of(reranker, adapter)) {
                for (LabeledPair p : pairs) {
                    String row = p.user() + "\u0000" + p.queryId() + "\u0000" + p.query() + "\u0000" + p.text()
                            + "\u0000" + p.positive() + "\n";
                    sha.update(row.getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a {@link HydraTrainer} from its plugins and numbers, as {@link Hydra#builder()} builds the pipeline. */
    public static final class Builder {

        private HistoryStore store;
        private Retriever retriever;
        private TaskSpec task;
        private LlmBackend backend;
        private TrainableScorer.Factory scorers;
        private HydraConfig config = HydraConfig.DEFAULTS;
        private int pseudoQueriesPerUser = 10;
        private RerankerLabelSource rerankerLabels = RerankerLabelSource.LLM;
        private ToDoubleBiFunction<String, String> similarity = (answer, gold) -> Rouge.meanF(gold, answer);
        private ProgressListener progress = ProgressListener.NONE;
        private int historyWindow = HistoryStore.DEFAULT_WINDOW;

        private Builder() {}

        /**
         * The most of each user's newest items that training reads ({@link HistoryStore#newest}; default
         * {@value HistoryStore#DEFAULT_WINDOW}): the pseudo-queries are drawn from them and the history prior counts
         * them, so that a user with a million items costs a bounded window, never all of them in memory.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is below 1
         * @since 0.5
         */
        public Builder historyWindow(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("historyWindow must be >= 1, was " + max
                        + "; the default is " + HistoryStore.DEFAULT_WINDOW);
            }
            this.historyWindow = max;
            return this;
        }

        /**
         * The users' histories (required).
         *
         * @param store the store; never {@code null}
         * @return this builder
         */
        public Builder store(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * The retriever over that store, which finds each pseudo-query's neighbours (required).
         *
         * @param retriever the retriever; never {@code null}
         * @return this builder
         */
        public Builder retriever(Retriever retriever) {
            this.retriever = Objects.requireNonNull(retriever, "retriever must not be null");
            return this;
        }

        /**
         * The task to train for (required).
         *
         * @param task the task; never {@code null}
         * @return this builder
         */
        public Builder task(TaskSpec task) {
            this.task = Objects.requireNonNull(task, "task must not be null");
            return this;
        }

        /**
         * The black box that labels and samples (required), best wrapped in the response cache.
         *
         * @param backend the backend; never {@code null}
         * @return this builder
         */
        public Builder backend(LlmBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend must not be null");
            return this;
        }

        /**
         * The scorer implementation (required), e.g. hydra-heads' {@code DjlScorerFactory}.
         *
         * @param scorers the factory; never {@code null}
         * @return this builder
         */
        public Builder scorers(TrainableScorer.Factory scorers) {
            this.scorers = Objects.requireNonNull(scorers, "scorers must not be null");
            return this;
        }

        /**
         * The numbers shared with the pipeline (default {@link HydraConfig#DEFAULTS}): M neighbours per
         * pseudo-query (at least 1 here), k demonstrations and N candidates per adapter prompt, the candidates'
         * temperature, the token limit of every answer, and the seed of everything random. Pass the pipeline's
         * settings to train for the pipeline that will serve.
         *
         * @param config the settings; never {@code null}
         * @return this builder
         */
        public Builder config(HydraConfig config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
            return this;
        }

        /**
         * R, the pseudo-queries drawn from each user's history (default 10, as HYDRA).
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
         * Where the reranker's labels come from (default {@link RerankerLabelSource#LLM}, as HYDRA).
         *
         * @param source the source; never {@code null}
         * @return this builder
         */
        public Builder rerankerLabels(RerankerLabelSource source) {
            this.rerankerLabels = Objects.requireNonNull(source, "rerankerLabels must not be null: LLM or OUTPUT");
            return this;
        }

        /**
         * How close an answer is to the gold for free-text tasks (default: the mean of ROUGE-1 and ROUGE-L F1).
         *
         * @param similarity {@code (answer, gold) -> similarity in [0, 1]}; never {@code null}
         * @return this builder
         */
        public Builder similarity(ToDoubleBiFunction<String, String> similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity must not be null");
            return this;
        }

        /**
         * Hears the progress of each stage (default: nobody).
         *
         * @param progress the listener; never {@code null}
         * @return this builder
         */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress must not be null");
            return this;
        }

        /**
         * The settings a model was trained with (its manifest's numbers, pseudo-queries and label source), so that
         * fitting new users for it uses the same ones.
         *
         * @param model the trained model; never {@code null}
         * @return this builder
         * @throws dev.hydra.api.CorruptDataException when the manifest's settings are missing or damaged
         */
        public Builder settingsOf(HydraModel model) {
            Objects.requireNonNull(model, "model must not be null");
            config(model.config());
            pseudoQueriesPerUser(model.pseudoQueriesPerUser());
            return rerankerLabels(model.rerankerLabels());
        }

        /**
         * Builds the trainer.
         *
         * @return the trainer
         * @throws IllegalStateException when a required part is missing or {@code config} retrieves nothing; the
         *     message says what to set
         */
        public HydraTrainer build() {
            require(store, "store", "store(historyStore)");
            require(retriever, "retriever", "retriever(Bm25Retriever.builder().store(historyStore).build())");
            require(task, "task", "task(taskSpec)");
            require(backend, "backend", "backend(llmBackend)");
            require(scorers, "scorers", "scorers(new DjlScorerFactory(encoder, heads))");
            if (config.m() < 1) {
                throw new IllegalStateException("training needs neighbours: config m must be >= 1, was " + config.m()
                        + "; set config(HydraConfig.DEFAULTS) or another m");
            }
            return new HydraTrainer(this);
        }

        private static void require(Object part, String name, String setter) {
            if (part == null) {
                throw new IllegalStateException(name + " is required: HydraTrainer.builder()." + setter);
            }
        }
    }
}

package dev.hydra.core.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
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
import java.util.function.ToDoubleBiFunction;

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
    private final TrainerConfig config;
    private final ToDoubleBiFunction<String, String> similarity;
    private final ProgressListener progress;

    /**
     * Creates a trainer.
     *
     * @param store the users' histories
     * @param retriever the retriever over that store
     * @param task the task
     * @param backend the black box, best wrapped in the response cache
     * @param scorers the scorer implementation (hydra-heads)
     * @param config the numbers
     * @param similarity answer-to-gold similarity for free-text tasks (mean of ROUGE-1 and ROUGE-L)
     * @param progress hears the progress of each stage
     */
    public HydraTrainer(HistoryStore store, Retriever retriever, TaskSpec task, LlmBackend backend,
            TrainableScorer.Factory scorers, TrainerConfig config, ToDoubleBiFunction<String, String> similarity,
            ProgressListener progress) {
        this.store = store;
        this.retriever = retriever;
        this.task = task;
        this.backend = backend;
        this.scorers = scorers;
        this.config = config;
        this.similarity = similarity;
        this.progress = progress;
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
        HydraModel.invalidate(dir);
        List<TrainingQuery> queries = queries(users, realQueries);
        write(dir, "pseudo-queries", queries.stream().map(q -> Map.of("user", q.user().value(), "id", q.id(),
                "neighbours", q.neighbours().size())).toList());

        List<LabeledPair> rerankerPairs = new RerankerLabels(task, backend, config.maxTokens(), similarity)
                .label(queries, progress);
        write(dir, "reranker-pairs", rerankerPairs);
        TrainableScorer reranker = scorers.create(HeadStore.RERANKER, config.seed());
        reranker.train(rerankerPairs, config.seed(), progress);
        reranker.save(dir.resolve(HeadStore.RERANKER));

        List<LabeledPair> adapterPairs = new AdapterCandidates(task, backend, reranker.asReranker(), config.k(),
                config.sampling()).label(queries, progress);
        write(dir, "adapter-pairs", adapterPairs);
        TrainableScorer adapter = scorers.create(HeadStore.ADAPTER, config.seed() + 1);
        adapter.train(adapterPairs, config.seed() + 1, progress);
        adapter.save(dir.resolve(HeadStore.ADAPTER));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", HydraModel.FORMAT);
        manifest.put("task", task.name());
        manifest.put("scorer", scorers.describe());
        manifest.put("trainer", Map.of("pseudo_queries_per_user", config.pseudoQueriesPerUser(), "m", config.m(),
                "k", config.k(), "n", config.n(), "temperature", config.temperature(),
                "max_tokens", config.maxTokens(), "seed", config.seed()));
        manifest.put("llm", Map.of("backend", backend.name(), "model", backend.modelId()));
        manifest.put("training_users", users.stream().map(UserId::value).sorted().toList());
        manifest.put("reranker_pairs", rerankerPairs.size());
        manifest.put("adapter_pairs", adapterPairs.size());
        manifest.put("data_fingerprint", fingerprint(rerankerPairs, adapterPairs));
        HydraModel.writeManifest(dir, manifest);
        return new HydraModel(dir, manifest, reranker, adapter);
    }

    /**
     * Fits fresh heads for users outside training from their own histories only, the bases frozen.
     *
     * @param model the trained model
     * @param users the users to fit
     * @return how many labeled pairs each module learned from, summed over the users
     */
    public Map<String, Integer> fit(HydraModel model, List<UserId> users) {
        int rerankerPairs = 0;
        int adapterPairs = 0;
        for (UserId user : users) {
            List<TrainingQuery> queries = pseudoQueries().forUser(user, store.list(user), config.seed());
            List<LabeledPair> r = new RerankerLabels(task, backend, config.maxTokens(), similarity).label(queries, progress);
            model.rerankerScorer().fit(user, r, config.seed());
            List<LabeledPair> a = new AdapterCandidates(task, backend, model.reranker(), config.k(), config.sampling())
                    .label(queries, progress);
            model.adapterScorer().fit(user, a, config.seed());
            rerankerPairs += r.size();
            adapterPairs += a.size();
            progress.update("fit users", users.indexOf(user) + 1, users.size());
        }
        return Map.of(HeadStore.RERANKER, rerankerPairs, HeadStore.ADAPTER, adapterPairs);
    }

    private List<TrainingQuery> queries(List<UserId> users, List<LabeledQuery> realQueries) {
        PseudoQueries pseudo = pseudoQueries();
        List<TrainingQuery> out = new ArrayList<>();
        for (LabeledQuery q : realQueries) {
            out.add(pseudo.realQuery(q.user(), q.id(), BuiltInTasks.rawText(task, q.text()), q.gold()));
        }
        int done = 0;
        for (UserId user : users) {
            out.addAll(pseudo.forUser(user, store.list(user), config.seed()));
            progress.update("pseudo-queries", ++done, users.size());
        }
        return out;
    }

    private PseudoQueries pseudoQueries() {
        return new PseudoQueries(retriever, task, config.pseudoQueriesPerUser(), config.m());
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

    private static String fingerprint(List<LabeledPair> reranker, List<LabeledPair> adapter) {
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
}

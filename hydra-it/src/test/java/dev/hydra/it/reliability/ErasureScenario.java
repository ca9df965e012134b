package dev.hydra.it.reliability;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.erasure.UserErasure;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.core.training.BaseRetraining;
import dev.hydra.core.training.HydraModel;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.postgres.PostgresDatabase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Scenario 2, erasure: a home with a history index (with vectors), a trained model (heads, training rows),
 * a model of synthetic heads for every user, and LLM cache entries from training and from personalizing every
 * user; then users are erased. Before and after, every byte under the home is scanned for their canaries, and
 * every Lucene index is read through Lucene's readers ({@link IndexScan}), which decode what the codecs compress,
 * for their canaries and their items' vectors. On PostgreSQL the history, the synthetic heads and the cached answers
 * live in the scenario's schema (the trained model stays in its folder), which is read below the stores too
 * ({@link DatabaseScan}): every row version, live or dead, and every index item.
 */
final class ErasureScenario {

    private static final String SCENARIO = "erasure";

    private static final List<String> MODULES = List.of(HeadStore.RERANKER, HeadStore.ADAPTER);

    private ErasureScenario() {}

    static Map<String, Object> run(Path home, ScenarioStore stores, Sizes sizes, long seed, PrintWriter log) {
        CanaryHistory history = CanaryHistory.generate("era", sizes.erasureUsers(), 5, seed, true);
        List<UserId> users = history.users();
        List<UserId> shuffled = new ArrayList<>(users);
        Collections.shuffle(shuffled, new Random(seed));
        List<UserId> forgotten = List.copyOf(shuffled.subList(0, sizes.forget()));
        List<UserId> kept = List.copyOf(shuffled.subList(sizes.forget(), shuffled.size()));
        Path cacheDir = LlmResponseCache.defaultDirectory(home);
        Path models = home.resolve("models");
        Map<String, Object> out = new LinkedHashMap<>();
        List<float[]> vectors = distinctVectors(history, forgotten, kept);
        UserErasure.Report erased;
        log.printf(Locale.ROOT, "erasure: %,d users, a trained model, synthetic heads, cached answers ...%n",
                users.size());
        List<String> forgottenIds = forgotten.stream().map(UserId::value).toList();
        try (ScenarioState state = stores.open(home, SCENARIO, Optional.of(TinyTraining.ENCODER), true)) {
            HistoryStore store = state.history();
            ResponseCache cache = state.cache(cacheDir);
            List<HistoryItem> all = history.allItems();
            for (int from = 0; from < all.size(); from += 2_000) {
                store.addAll(all.subList(from, Math.min(all.size(), from + 2_000)));
            }
            int half = Math.min(10, sizes.forget());
            List<UserId> trainUsers = new ArrayList<>(forgotten.subList(0, half));
            trainUsers.addAll(kept.subList(0, Math.min(10, kept.size())));
            try (HydraModel model = TinyTraining.train(store, models.resolve("trained"), cache, trainUsers, seed)) {
                Hydra hydra = Hydra.builder()
                        .retriever(ScenarioState.bm25(store))
                        .reranker(model.reranker()).adapter(model.adapter())
                        .backend(new CachingLlmBackend(TinyTraining.echo(), cache))
                        .task(new ChatTask()).config(new HydraConfig(10, 4, 2, 1.0, 64, seed)).build();
                SplittableRandom random = new SplittableRandom(seed);
                for (UserId user : users) {
                    hydra.personalize(user, List.of(ChatTurn.user(CanaryHistory.query(random))));
                }
            }
            HeadStore synthetic = state.heads(models.resolve("synthetic"));
            for (UserId user : users) {
                for (String module : MODULES) {
                    synthetic.save(user, module, head(user, module));
                }
            }
            Set<String> canaries = history.canaries(forgotten);
            out.put("users", users.size());
            out.put("forgotten_users", forgotten.size());
            out.put("home_bytes_before", ByteScan.size(home));
            out.put("canaries_of_forgotten", canaries.size());
            out.put("vectors_of_forgotten", vectors.size());
            out.put("canaries_of_forgotten_on_disk_before", ByteScan.find(home, canaries).size());
            out.putAll(visibility("before", home, stores, canaries, vectors, forgottenIds));
            log.printf(Locale.ROOT, "erasure: forgetting %d users ...%n", forgotten.size());
            UserErasure.Builder erasure = UserErasure.builder().historyStore(store).models(models, FileHeadStore::new)
                    .responseCache(cache);
            if (state.database().isPresent()) {
                // the synthetic heads are the database's, beside the trained model's files
                erasure.headStore(synthetic);
            }
            erased = erasure.build().forget(forgotten);
        }
        out.put("unlearning", unlearn(stores, models, cacheDir, forgotten, erased));
        Set<String> canaries = history.canaries(forgotten);
        int headFilesLeft = 0;
        for (String model : List.of("trained", "synthetic")) {
            for (UserId user : forgotten) {
                for (String module : MODULES) {
                    headFilesLeft += Files.exists(FileHeadStore.fileOf(models.resolve(model), user, module)) ? 1 : 0;
                }
            }
        }
        Set<String> residue = ByteScan.find(home, canaries);
        Map<String, Object> after = visibility("after", home, stores, canaries, vectors, forgottenIds);
        long visibleAfter = (Integer) after.get("canaries_visible_after") + (Integer) after.get("vectors_visible_after")
                + (Integer) after.get("index_files_outside_commits_after")
                + (Long) after.getOrDefault("database_index_items_of_forgotten_after", 0L);
        out.putAll(after);
        out.put("forget_residue", Math.toIntExact(residue.size() + visibleAfter + headFilesLeft));
        out.put("canary_residue", residue.size());
        out.put("head_files_left", headFilesLeft);
        out.put("erased", Map.of("items", erased.items(), "heads", erased.heads(), "training_rows",
                erased.workRows(), "cache_files", erased.cacheFiles()));
        out.putAll(keptCheck(home, stores, history, kept));
        return out;
    }

    /**
     * Retrains the bases that were trained on forgotten users' rows, from the cached rows: how many models held
     * them before and after, and how many LLM cache entries retraining added (every LLM call in this home goes
     * through the cache, so that is the LLM calls it made).
     */
    private static Map<String, Object> unlearn(ScenarioStore stores, Path models, Path cacheDir,
            List<UserId> forgotten, UserErasure.Report erased) {
        Map<String, Object> out = new LinkedHashMap<>();
        int holding = UserErasure.modelsHoldingForgottenUsers(models).size();
        long cacheBefore = cacheEntries(stores, cacheDir);
        List<BaseRetraining.Result> retrained = UserErasure.retrainHolding(models, TinyTraining::scorers);
        Set<String> ids = new HashSet<>();
        forgotten.forEach(u -> ids.add(u.value()));
        out.put("models_trained_on_forgotten", erased.modelsHolding().size());
        out.put("models_holding_before_retrain", holding);
        out.put("retrained_models", retrained.size());
        out.put("retrained_rows", retrained.stream().mapToInt(r -> r.rerankerPairs() + r.adapterPairs()).sum());
        out.put("retrained_training_users", retrained.stream().mapToInt(r -> r.trainingUsers().size()).sum());
        out.put("forgotten_in_retrained_training_users",
                retrained.stream().flatMap(r -> r.trainingUsers().stream()).filter(ids::contains).count());
        out.put("llm_calls", cacheEntries(stores, cacheDir) - cacheBefore);
        out.put("models_still_holding", UserErasure.modelsHoldingForgottenUsers(models).size());
        return out;
    }

    /**
     * What of the forgotten users a scan sees: their canaries in the raw bytes of any file or decoded from any
     * Lucene index (stored fields of live and deleted documents, terms, doc values, term vectors), and their items'
     * vectors in any segment.
     */
    private static Map<String, Object> visibility(String when, Path home, ScenarioStore stores,
            Set<String> canaries, List<float[]> vectors, List<String> userIds) {
        IndexScan index = IndexScan.scan(home, canaries, vectors);
        Set<String> visible = new HashSet<>(ByteScan.find(home, canaries));
        visible.addAll(index.canaries());
        Map<String, Object> out = new LinkedHashMap<>();
        int vectorsVisible = index.vectorsFound();
        Optional<DatabaseScan> db = databaseScan(stores, canaries, vectors, userIds);
        if (db.isPresent()) {
            visible.addAll(db.get().canaries());
            vectorsVisible += db.get().vectors();
        }
        out.put("canaries_visible_" + when, visible.size());
        out.put("canaries_decoded_from_index_" + when, index.canaries().size());
        out.put("vectors_visible_" + when, vectorsVisible);
        db.ifPresent(d -> {
            out.put("database_canaries_" + when, d.canaries().size());
            out.put("database_vectors_" + when, d.vectors());
            out.put("database_index_items_of_forgotten_" + when, d.indexItems());
            out.put("database_index_separator_keys_of_forgotten_" + when, d.separatorKeys());
            out.put("database_row_versions_scanned_" + when, d.rowVersions());
            out.put("database_dead_rows_read", d.deadRowsRead());
        });
        out.put("index_segments_scanned_" + when, index.segments());
        out.put("index_documents_scanned_" + when, index.documents());
        out.put("index_deleted_documents_scanned_" + when, index.deletedDocuments());
        out.put("index_files_outside_commits_" + when, index.filesOutsideCommits());
        return out;
    }

    /**
     * The encoder vectors of the forgotten users' items, as the store keeps them, less any that equals a kept
     * user's (such a vector identifies no one).
     */
    private static List<float[]> distinctVectors(CanaryHistory history, List<UserId> forgotten, List<UserId> kept) {
        Set<String> keptVectors = new HashSet<>();
        for (float[] v : vectors(history, kept)) {
            keptVectors.add(Arrays.toString(v));
        }
        return vectors(history, forgotten).stream().filter(v -> !keptVectors.contains(Arrays.toString(v))).toList();
    }

    private static List<float[]> vectors(CanaryHistory history, List<UserId> users) {
        List<String> texts = new ArrayList<>();
        for (UserId user : users) {
            history.items(user).forEach(i -> texts.add(i.retrievalText()));
        }
        return List.of(TinyTraining.ENCODER.encode(texts));
    }

    /** Whether the other users' items, heads and model survived, and their canaries are still on disk. */
    private static Map<String, Object> keptCheck(Path home, ScenarioStore stores, CanaryHistory history,
            List<UserId> kept) {
        Map<String, Object> out = new LinkedHashMap<>();
        int missingItems = 0;
        int missingHeads = 0;
        try (ScenarioState state = stores.open(home, SCENARIO, Optional.of(TinyTraining.ENCODER), false)) {
            HistoryStore store = state.history();
            for (UserId user : kept) {
                Set<String> ids = new java.util.HashSet<>();
                store.list(user).forEach(i -> ids.add(i.id()));
                for (HistoryItem item : history.items(user)) {
                    missingItems += ids.contains(item.id()) ? 0 : 1;
                }
            }
            HeadStore synthetic = state.heads(home.resolve("models").resolve("synthetic"));
            for (UserId user : kept) {
                for (String module : MODULES) {
                    Optional<HeadParameters> head = synthetic.load(user, module);
                    missingHeads += head.isPresent()
                            && Arrays.equals(head.get().values(), head(user, module).values()) ? 0 : 1;
                }
            }
        }
        boolean modelLoads;
        try (HydraModel model = HydraModel.load(home.resolve("models").resolve("trained"),
                TinyTraining.scorers(home.resolve("models").resolve("trained")))) {
            modelLoads = model.manifest().get("training_users") instanceof List<?>;
        }
        Set<String> keptCanaries = history.canaries(kept);
        out.put("kept_items_missing", missingItems);
        out.put("kept_heads_missing", missingHeads);
        out.put("trained_model_loads_after", modelLoads);
        Set<String> keptVisible = new HashSet<>(IndexScan.visible(home, keptCanaries));
        databaseScan(stores, keptCanaries, List.of(), List.of()).ifPresent(d -> keptVisible.addAll(d.canaries()));
        out.put("kept_canaries_on_disk", keptVisible.size());
        out.put("kept_canaries", keptCanaries.size());
        return out;
    }

    /** The scenario's schema read below the stores, on PostgreSQL. */
    private static Optional<DatabaseScan> databaseScan(ScenarioStore stores, Set<String> canaries,
            List<float[]> vectors, List<String> userIds) {
        if (stores.jdbcUrl().isEmpty()) {
            return Optional.empty();
        }
        try (PostgresDatabase db = PostgresDatabase.open(stores.jdbcUrl().get(), ScenarioStore.schema(SCENARIO), 2)) {
            return Optional.of(DatabaseScan.scan(db, canaries, vectors, userIds));
        }
    }

    /** How many answers the cache holds: files in the folder, or rows of the schema's table. */
    private static long cacheEntries(ScenarioStore stores, Path cacheDir) {
        if (stores.jdbcUrl().isEmpty()) {
            return ByteScan.files(cacheDir);
        }
        try (PostgresDatabase db = PostgresDatabase.open(stores.jdbcUrl().get(), ScenarioStore.schema(SCENARIO), 2);
                Connection c = db.connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM hydra_llm_response")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the cached answers: " + e.getMessage(), e);
        }
    }

    /** A user's synthetic head: 16 values from the user's id. */
    private static HeadParameters head(UserId user, String module) {
        Random r = new Random((user.value() + "/" + module).hashCode());
        float[] values = new float[16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        return new HeadParameters("synthetic:16", values);
    }
}

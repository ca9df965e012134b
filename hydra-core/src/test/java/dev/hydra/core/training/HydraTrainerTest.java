package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HydraTrainerTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final String CANARY = "CANARY-7f3a";
    private static final List<UserId> TRAIN = List.of(UserId.of("ana"), UserId.of("ben"));
    private static final UserId TEST = UserId.of("cleo");

    @TempDir
    Path dir;

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final RecordingScorers scorers = new RecordingScorers();
    // answers with the tag of the first demonstration, as a copying model would
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
            .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();

    @BeforeEach
    void ingest() {
        String[] tags = {"sci-fi", "comedy", "romance"};
        for (UserId u : List.of(TRAIN.get(0), TRAIN.get(1), TEST)) {
            for (int i = 0; i < 8; i++) {
                store.add(HistoryItem.of(u + "-" + i, u, "a film about robots and love number " + i,
                        tags[(i + u.value().length()) % 3]));
            }
        }
    }

    private HydraTrainer.Builder builder() {
        return HydraTrainer.builder().store(store).retriever(new OverlapRetriever(store)).task(MOVIES).backend(llm)
                .scorers(scorers).similarity((a, b) -> a.equals(b) ? 1 : 0);
    }

    /** HYDRA's numbers with seed 42, with r pseudo-queries per user and n candidates per pool. */
    private HydraTrainer trainer(int r, int n) {
        return builder().config(HydraConfig.DEFAULTS.withSampling(n, 1.0).withSeed(42)).pseudoQueriesPerUser(r).build();
    }

    @Test
    void should_train_both_modules_and_write_a_model_that_loads_back() throws Exception {
        try (HydraModel model = trainer(3, 3).train(TRAIN, List.of(), dir)) {
            // 2 users x 3 pseudo-queries x up to 7 neighbours
            assertEquals(2 * 3 * 7, scorers.trained.get("reranker").size());
            // pools of 3 (the greedy answer and two samples), only those whose answers differ in being right
            List<LabeledPair> adapterPairs = scorers.trained.get("adapter");
            assertTrue(adapterPairs != null && !adapterPairs.isEmpty() && adapterPairs.size() <= 2 * 3 * 3
                    && adapterPairs.size() % 3 == 0,
                    String.valueOf(adapterPairs));
            assertTrue(model.manifest().get("anchors") instanceof Map<?, ?>, model.manifest().toString());
            assertEquals(List.of("ana", "ben"), model.manifest().get("training_users"));
            // every scorer but the model's two is a fold's of the anchor selection, made to keep its heads to itself
            assertTrue(scorers.isolated.get() >= 2, "fold scorers were made");
            assertEquals(scorers.created.get() - 2, scorers.isolated.get());
        }
        try (HydraModel loaded = HydraModel.load(dir, scorers)) {
            assertEquals("movie_tagging", loaded.manifest().get("task"));
            assertEquals(64, ((String) loaded.manifest().get("data_fingerprint")).length());
        }
        assertTrue(Files.exists(dir.resolve("work/reranker-pairs.jsonl")));
    }

    @Test
    void should_draw_pseudo_queries_from_the_newest_window_of_each_history_only() throws Exception {
        // when
        builder().config(HydraConfig.DEFAULTS.withSampling(2, 1.0).withSeed(42)).pseudoQueriesPerUser(5)
                .historyWindow(2).build().train(TRAIN, List.of(), dir);
        // then: every pseudo-query's source is one of its user's 2 newest items
        List<String> window = new ArrayList<>();
        TRAIN.forEach(u -> store.newest(u, 2).forEach(item -> window.add(item.id())));
        List<String> lines = Files.readAllLines(dir.resolve("work").resolve("pseudo-queries.jsonl"));
        assertFalse(lines.isEmpty(), "pseudo-queries were drawn");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            String id = json.readTree(line).path("id").asText();
            assertTrue(window.contains(id), id + " is not in the window " + window);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().historyWindow(0));
        assertTrue(e.getMessage().startsWith("historyWindow must be >= 1, was 0"), e.getMessage());
    }

    @Test
    void should_give_the_same_data_for_the_same_seed() {
        trainer(3, 3).train(TRAIN, List.of(), dir.resolve("a"));
        List<LabeledPair> first = new ArrayList<>(scorers.trained.get("reranker"));
        trainer(3, 3).train(TRAIN, List.of(), dir.resolve("b"));
        assertEquals(first, scorers.trained.get("reranker"));
        assertEquals(HydraModel.load(dir.resolve("a"), scorers).manifest().get("data_fingerprint"),
                HydraModel.load(dir.resolve("b"), scorers).manifest().get("data_fingerprint"));
    }

    @Test
    void should_never_let_a_test_users_query_or_gold_reach_training() {
        // given a test user whose held-out query carries a canary in its gold, and whose query is answered later
        Query heldOut = new Query(TEST, "a robot love story " + CANARY, MOVIES.name());
        String gold = "romance " + CANARY;
        HydraTrainer trainer = trainer(3, 3);

        // when the model is trained, the test user fitted, and the query answered
        HydraModel trained = trainer.train(TRAIN, List.of(), dir);
        Map<String, Object> manifest = new java.util.HashMap<>(trained.manifest());
        manifest.put("anchors", new dev.hydra.core.anchor.AnchorWeights(1, 10, 1, 1).toMap()); // both modules in use
        HydraModel model = new HydraModel(dir, manifest, trained.rerankerScorer(), trained.adapterScorer());
        Map<String, Integer> fitted = trainer.fit(model, List.of(TEST));
        int before = llm.prompts().size();
        Hydra hydra = Hydra.builder().retriever(new OverlapRetriever(store)).reranker(model.reranker())
                .adapter(model.adapter()).backend(llm).task(MOVIES).config(HydraConfig.DEFAULTS.withSampling(2, 1.0))
                .build();
        assertFalse(hydra.personalize(heldOut).answer().isEmpty());

        // then the test user's head learned from their profile only
        assertTrue(fitted.get("reranker") > 0 && scorers.fitted.containsKey("adapter/" + TEST), fitted.toString());
        assertTrue(scorers.fitted.get("reranker/" + TEST).stream().allMatch(p -> p.user().equals(TEST)));
        // and the canary reached no training pair and no prompt made before the held-out query was asked
        assertTrue(scorers.allPairs().stream().noneMatch(p -> (p.query() + p.text()).contains(CANARY)));
        List<Prompt> prompts = llm.prompts();
        assertTrue(prompts.subList(0, before).stream().noneMatch(p -> p.toString().contains(CANARY)));
        assertFalse(gold.isEmpty());
        assertTrue(prompts.size() > before && prompts.subList(before, prompts.size()).stream()
                .allMatch(p -> p.lastUserText().contains(CANARY)), "the prompts after training are the query's");
    }

    @Test
    void should_refuse_a_real_query_of_a_user_outside_training() {
        LabeledQuery leak = new LabeledQuery(TEST, "q", "robots", "romance");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(10, 8).train(TRAIN, List.of(leak), dir));
        assertTrue(e.getMessage().contains("not a training user"), e.getMessage());
    }

    @Test
    void should_learn_from_a_training_users_real_query() {
        LabeledQuery real = new LabeledQuery(TRAIN.get(0), "real-1", MOVIES.formatQuery("robots in love"), "sci-fi");
        trainer(1, 2).train(TRAIN, List.of(real), dir);
        assertTrue(scorers.trained.get("reranker").stream()
                .anyMatch(p -> p.queryId().equals("real-1") && p.query().equals("robots in love")));
    }

    @Test
    void should_refuse_a_model_made_with_another_scorer_or_a_damaged_manifest() throws Exception {
        trainer(1, 2).train(TRAIN, List.of(), dir);
        RecordingScorers other = new RecordingScorers() {
            @Override
            public Map<String, String> describe() {
                return Map.of("kind", "another");
            }
        };
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> HydraModel.load(dir, other));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": 1, \"scor");
        assertThrows(CorruptDataException.class, () -> HydraModel.load(dir, scorers));
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_refuse_a_manifest_whose_whole_settings_are_fractional_or_out_of_range() throws Exception {
        // given a trained model (found by fuzzing: m 3.7 was read as 3, 1e12 as the largest int)
        trainer(1, 2).train(TRAIN, List.of(), dir);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> manifest = json.readValue(dir.resolve("manifest.json").toFile(), Map.class);
        Map<String, Object> trainer = (Map<String, Object>) manifest.get("trainer");
        for (Map.Entry<String, Number> damaged : List.<Map.Entry<String, Number>>of(Map.entry("m", 3.7),
                Map.entry("k", 10.0),
                Map.entry("n", 4_294_967_297L), Map.entry("seed", 1.5))) {
            // when a setting is damaged
            Map<String, Object> t = new java.util.TreeMap<>(trainer);
            t.put(damaged.getKey(), damaged.getValue());
            manifest.put("trainer", t);
            json.writeValue(dir.resolve("manifest.json").toFile(), manifest);
            // then reading the settings names it
            try (HydraModel model = HydraModel.load(dir, scorers)) {
                CorruptDataException e = assertThrows(CorruptDataException.class, model::config,
                        damaged.toString());
                assertTrue(e.getMessage().contains("trainer setting " + damaged.getKey()), e.getMessage());
            }
        }
    }

    @Test
    void should_say_which_part_a_trainer_lacks_and_how_to_set_it() {
        // given a builder without a store
        HydraTrainer.Builder noStore = HydraTrainer.builder().retriever(new OverlapRetriever(store)).task(MOVIES)
                .backend(llm).scorers(scorers);
        // when / then
        IllegalStateException e = assertThrows(IllegalStateException.class, noStore::build);
        assertEquals("store is required: HydraTrainer.builder().store(historyStore)", e.getMessage());
        IllegalStateException noScorers = assertThrows(IllegalStateException.class,
                () -> HydraTrainer.builder().store(store).retriever(new OverlapRetriever(store)).task(MOVIES)
                        .backend(llm).build());
        assertTrue(noScorers.getMessage().startsWith("scorers is required: HydraTrainer.builder().scorers("),
                noScorers.getMessage());
    }

    @Test
    void should_refuse_settings_that_cannot_train_naming_them() {
        IllegalStateException noNeighbours = assertThrows(IllegalStateException.class,
                () -> builder().config(HydraConfig.DEFAULTS.withRetrieval(0, 0)).build());
        assertTrue(noNeighbours.getMessage().contains("config m must be >= 1, was 0"), noNeighbours.getMessage());
        IllegalArgumentException noQueries = assertThrows(IllegalArgumentException.class,
                () -> builder().pseudoQueriesPerUser(0));
        assertTrue(noQueries.getMessage().startsWith("pseudoQueriesPerUser must be >= 1, was 0"),
                noQueries.getMessage());
        assertThrows(NullPointerException.class, () -> builder().config(null));
    }

    @Test
    void should_train_with_the_pipelines_settings_and_fit_with_the_models() throws Exception {
        // given a model trained with one settings object
        HydraConfig settings = HydraConfig.DEFAULTS.withSampling(2, 1.0).withSeed(7);
        try (HydraModel model = builder().config(settings).pseudoQueriesPerUser(1)
                .rerankerLabels(RerankerLabelSource.OUTPUT).build().train(TRAIN, List.of(), dir)) {
            // when a trainer takes the model's settings
            HydraTrainer fitter = builder().settingsOf(model).build();
            // then they are the same numbers, pseudo-queries and label source
            assertEquals(settings, model.config());
            assertEquals(settings, fitter.config());
            assertEquals(1, model.pseudoQueriesPerUser());
            assertEquals(RerankerLabelSource.OUTPUT, model.rerankerLabels());
        }
    }
}

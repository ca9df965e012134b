package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.BaseRetraining;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user fitted after training keeps a head of their own when the bases are retrained: it is refitted on the new
 * bases from the labels the fit kept, with the new base's fingerprint and no LLM call.
 */
class FittedHeadRefitTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final UserId ANA = UserId.of("ana");
    private static final UserId BEN = UserId.of("ben");
    private static final UserId CLEO = UserId.of("cleo");
    private static final FeatureHashingTextEncoder ENCODER = new FeatureHashingTextEncoder(32);
    private static final String[] TAGS = {"sci-fi", "comedy", "romance"};
    private static final String[] TOPICS = {"robots in space", "a clumsy wedding", "two lovers in paris"};

    @TempDir
    Path home;

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    // answers with the tag of the first demonstration on even samples, as a copying model would
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
            .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();

    @Test
    void should_refit_a_fitted_users_head_on_the_new_bases_from_kept_labels_without_the_llm() throws Exception {
        // given: a model trained on ana and ben, cleo fitted afterwards
        for (UserId u : List.of(ANA, BEN, CLEO)) {
            for (int i = 0; i < 12; i++) {
                store.add(new HistoryItem(u.value() + "-" + i, u, "a film about " + TOPICS[i % 3] + " number " + i,
                        TAGS[(i + u.value().length()) % 3], Instant.ofEpochSecond(1_000 + i), Map.of()));
            }
        }
        Path model = home.resolve("model");
        HydraTrainer trainer = HydraTrainer.builder().store(store).retriever(new Overlap(store)).task(MOVIES)
                .backend(llm).scorers(new DjlScorerFactory(ENCODER, new FileHeadStore(model)))
                .similarity((a, b) -> a.equals(b) ? 1 : 0)
                .config(HydraConfig.DEFAULTS.withSampling(3, 1.0).withSeed(42)).pseudoQueriesPerUser(6).build();
        trainer.train(List.of(ANA, BEN), List.of(), model).close();
        useBothModules(model);
        try (HydraModel trained = HydraModel.load(model, new DjlScorerFactory(ENCODER, new FileHeadStore(model)))) {
            trainer.fit(trained, List.of(CLEO));
        }
        Map<String, HeadParameters> before = heads(model, CLEO);
        assertFalse(before.isEmpty(), "cleo's fit kept a head of her own");
        assertTrue(Files.size(model.resolve("work").resolve("fitted-reranker-pairs.jsonl")) > 0, "the fit's labels");

        // when: the bases are retrained (without ben, whose rows erasure would have removed)
        for (String file : List.of("reranker-pairs.jsonl", "adapter-pairs.jsonl")) {
            Path rows = model.resolve("work").resolve(file);
            Files.write(rows, Files.readAllLines(rows).stream().filter(l -> !l.contains("\"ben\"")).toList());
        }
        long calls = llm.calls();
        Path retrained = home.resolve("retrained");
        BaseRetraining.Result result = BaseRetraining.retrain(model, retrained,
                new DjlScorerFactory(ENCODER, new FileHeadStore(retrained)));

        // then: cleo has her heads again, on the new base, and no LLM call was made
        assertEquals(calls, llm.calls(), "refitting calls no LLM");
        assertFalse(result.trainingUsers().contains(CLEO.value()), "cleo is no training user");
        Map<String, HeadParameters> after = heads(retrained, CLEO);
        // a refitted head is kept under the fit's rule (it beats the new default head): here the reranker's
        assertFalse(after.isEmpty(), "cleo keeps a head of her own on the new bases");
        assertTrue(before.keySet().containsAll(after.keySet()), after::toString);
        Map<String, HeadParameters> ana = heads(retrained, ANA);
        for (String module : after.keySet()) {
            String kind = after.get(module).kind();
            assertNotEquals(before.get(module).kind(), kind, "the base changed, so the fingerprint did: " + module);
            assertEquals(baseOf(ana.get(module).kind()), baseOf(kind), "cleo's head names the new base: " + module);
        }
        Map<?, ?> manifest = new ObjectMapper().readValue(retrained.resolve(HydraModel.MANIFEST).toFile(), Map.class);
        Map<?, ?> how = (Map<?, ?>) manifest.get("retrained");
        assertEquals(List.of(CLEO.value()), how.get("refitted_users"));
        assertEquals(0, how.get("llm_calls"));
        assertEquals(after.size(), how.get("refitted_heads"));
        // and the retrained model serves her with that head
        try (HydraModel served = HydraModel.load(retrained,
                new DjlScorerFactory(ENCODER, new FileHeadStore(retrained)))) {
            assertEquals(3, served.reranker().rerank(new Query(CLEO, "a film about robots", MOVIES.name()),
                    store.list(CLEO).stream().limit(3).map(i -> new Scored<>(i, 1.0)).toList(), 3).size());
        }
    }

    /** Sets the model's anchor weights so that both learned modules are used, and so fitted. */
    private static void useBothModules(Path model) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path file = model.resolve(HydraModel.MANIFEST);
        ObjectNode manifest = (ObjectNode) json.readTree(file.toFile());
        manifest.set("anchors", json.valueToTree(new AnchorWeights(1, 10, 1, 1).toMap()));
        json.writeValue(file.toFile(), manifest);
    }

    private static Map<String, HeadParameters> heads(Path model, UserId user) {
        FileHeadStore heads = new FileHeadStore(model);
        Map<String, HeadParameters> out = new java.util.TreeMap<>();
        for (String module : List.of(HeadStore.RERANKER, HeadStore.ADAPTER)) {
            Optional<HeadParameters> head = heads.load(user, module);
            head.ifPresent(h -> out.put(module, h));
        }
        return out;
    }

    private static String baseOf(String kind) {
        return kind.substring(kind.indexOf(PersonalizedScorer.BASE_MARK));
    }

    /** A word-overlap retriever over a user's items; ties by item id. */
    private static final class Overlap implements Retriever {
        private final InMemoryHistoryStore items;

        Overlap(InMemoryHistoryStore items) {
            this.items = items;
        }

        @Override
        public String name() {
            return "overlap";
        }

        @Override
        public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
            Set<String> words = new HashSet<>(Arrays.asList(query.text().split(" ")));
            return items.list(query.userId()).stream()
                    .map(i -> new Scored<>(i,
                            (double) Arrays.stream(i.retrievalText().split(" ")).filter(words::contains).count()))
                    .sorted(Comparator.<Scored<HistoryItem>>comparingDouble(Scored::score).reversed()
                            .thenComparing(s -> s.value().id()))
                    .limit(m).toList();
        }
    }
}

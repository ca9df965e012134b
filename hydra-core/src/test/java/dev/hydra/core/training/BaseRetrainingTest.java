package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.erasure.UserErasure;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.testkit.InMemoryHeadStore;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unlearning: a forgotten training user's rows leave the bases when they are retrained, with no LLM call. */
class BaseRetrainingTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final UserId ANA = UserId.of("ana");
    private static final UserId BEN = UserId.of("ben");

    @TempDir
    Path home;

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final RecordingScorers scorers = new RecordingScorers();
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
            .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();

    @BeforeEach
    void ingest() {
        String[] tags = {"sci-fi", "comedy", "romance"};
        for (UserId u : List.of(ANA, BEN)) {
            for (int i = 0; i < 8; i++) {
                store.add(HistoryItem.of(u + "-" + i, u, "a film " + u + " saw about robots and love number " + i,
                        tags[(i + u.value().length()) % 3]));
            }
        }
    }

    private void train(Path dir) {
        HydraTrainer trainer = HydraTrainer.builder().store(store).retriever(new OverlapRetriever(store))
                .task(MOVIES).backend(llm).scorers(scorers).similarity((a, b) -> a.equals(b) ? 1 : 0)
                .config(HydraConfig.DEFAULTS.withSampling(3, 1.0).withSeed(42)).pseudoQueriesPerUser(3).build();
        trainer.train(List.of(ANA, BEN), List.of(), dir).close();
    }

    private UserErasure.Builder erasure() {
        return UserErasure.builder().historyStore(store).models(home.resolve("models"), d -> new InMemoryHeadStore());
    }

    @Test
    void should_retrain_the_bases_without_the_forgotten_users_rows_and_no_llm_call() throws Exception {
        // given
        Path model = home.resolve("models").resolve("m");
        train(model);
        assertTrue(scorers.trained.get(HeadStore.RERANKER).stream().anyMatch(p -> p.user().equals(BEN)));
        // when
        UserErasure.Report erased = erasure().build().forget(List.of(BEN));
        long callsBefore = llm.calls();
        List<Path> holdingBefore = UserErasure.modelsHoldingForgottenUsers(home.resolve("models"));
        List<BaseRetraining.Result> retrained = UserErasure.retrainHolding(home.resolve("models"), d -> scorers);
        // then
        assertEquals(List.of(model), erased.modelsHolding());
        assertEquals(List.of(model), holdingBefore);
        assertEquals(callsBefore, llm.calls(), "retraining calls no LLM");
        assertEquals(1, retrained.size());
        assertEquals(List.of("ana"), retrained.get(0).trainingUsers());
        List<LabeledPair> rerankerRows = scorers.trained.get(HeadStore.RERANKER);
        assertFalse(rerankerRows.isEmpty());
        assertTrue(rerankerRows.stream().allMatch(p -> p.user().equals(ANA)), "the new base never saw ben");
        assertEquals(rerankerRows.size(), retrained.get(0).rerankerPairs());
        assertEquals(List.of(), UserErasure.modelsHoldingForgottenUsers(home.resolve("models")));
        Map<?, ?> manifest = new ObjectMapper().readValue(model.resolve(HydraModel.MANIFEST).toFile(), Map.class);
        assertEquals(List.of("ana"), manifest.get("training_users"));
        assertEquals(0, ((Map<?, ?>) manifest.get("retrained")).get("llm_calls"));
        assertFalse(manifest.containsKey(BaseRetraining.FORGOTTEN_TRAINING_USERS));
        HydraModel.load(model, scorers).close();
    }

    @Test
    void should_replace_a_promoted_version_by_a_new_promoted_version() {
        // given
        ModelVersions versions = ModelVersions.at(home.resolve("models").resolve("titles"));
        Path staged = versions.newStagingDirectory();
        train(staged);
        ModelVersions.ModelVersion v1 = versions.publish(staged);
        assertTrue(versions.promote(v1).promoted());
        // when
        UserErasure.Report erased = erasure().retrainBases(d -> scorers).build().forget(List.of(BEN));
        // then
        assertEquals(List.of(v1.dir()), erased.modelsHolding());
        assertEquals(1, erased.retrained().size());
        assertEquals(List.of("v000002"), versions.list().stream().map(ModelVersions.ModelVersion::name).toList(),
                "the version holding ben is gone");
        assertEquals("v000002", versions.promoted().orElseThrow().name());
        assertTrue(ModelVersions.isPublished(versions.promoted().get().dir()));
        assertEquals(List.of(), UserErasure.modelsHoldingForgottenUsers(home.resolve("models")));
    }

    @Test
    void should_refuse_other_scorers_a_model_without_rows_and_retraining_into_itself() throws Exception {
        // given
        Path model = home.resolve("m");
        train(model);
        RecordingScorers other = new RecordingScorers() {
            @Override
            public Map<String, String> describe() {
                return Map.of("kind", "other");
            }
        };
        // when / then
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> BaseRetraining.retrain(model, home.resolve("new"), other));
        assertTrue(mismatch.getMessage().contains("pass the model's encoder and head kind"), mismatch::getMessage);
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> BaseRetraining.retrain(model, model, scorers));
        assertTrue(self.getMessage().contains("into itself"), self::getMessage);
        Files.delete(model.resolve("work").resolve("reranker-pairs.jsonl"));
        IllegalArgumentException noRows = assertThrows(IllegalArgumentException.class,
                () -> BaseRetraining.retrain(model, home.resolve("new"), scorers));
        assertTrue(noRows.getMessage().contains("no cached training rows"), noRows::getMessage);
    }
}

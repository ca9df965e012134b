package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.app.Workspace;
import dev.hydra.core.erasure.UserErasure;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hydra forget --user ID --retrain}: the user's data leaves the home and the bases trained on it. */
class ForgetCommandTest {

    private static final UserId ANA = UserId.of("ana");
    private static final UserId BEN = UserId.of("ben");

    @TempDir
    Path home;

    @Test
    void should_forget_a_training_user_and_retrain_the_bases_without_an_llm_call() throws Exception {
        // given: a model trained on ana and ben in the home, its labels from a scripted black box
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
                .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();
        String[] tags = {"sci-fi", "comedy", "romance"};
        Path model;
        try (Workspace ws = Workspace.withBackend(home, home, llm)) {
            for (UserId u : List.of(ANA, BEN)) {
                for (int i = 0; i < 8; i++) {
                    ws.store().add(new HistoryItem(u.value() + "-" + i, u, "a film about robots and love " + i,
                            tags[(i + u.value().length()) % 3], Instant.ofEpochSecond(1_000 + i), Map.of()));
                }
            }
            model = ws.modelDir("tags");
            HydraTrainer.builder().store(ws.store()).retriever(ws.retriever("bm25"))
                    .task(BuiltInTasks.find("movie_tagging").orElseThrow()).backend(ws.backend())
                    .scorers(new DjlScorerFactory(ws.encoder(), ws.heads(model)))
                    .config(HydraConfig.DEFAULTS.withSampling(2, 1.0).withSeed(42)).pseudoQueriesPerUser(2).build()
                    .train(List.of(ANA, BEN), List.of(), model).close();
        }
        long labelCalls = llm.calls();
        String fingerprintBefore = manifest(model).get("data_fingerprint").toString();

        // when
        int code = new HomeCli(home).run("forget", "--user", "ana", "--retrain");

        // then
        assertEquals(0, code);
        assertEquals(labelCalls, llm.calls(), "the command never reached the black box");
        assertEquals(List.of(), UserErasure.modelsHoldingForgottenUsers(home.resolve("models")),
                "no model holds ana's data");
        Map<?, ?> retrained = manifest(model);
        assertEquals(List.of("ben"), retrained.get("training_users"));
        assertEquals(0, ((Map<?, ?>) retrained.get("retrained")).get("llm_calls"));
        assertNotEquals(fingerprintBefore, retrained.get("data_fingerprint"), "the bases saw other rows");
        for (String file : List.of("reranker-pairs.jsonl", "adapter-pairs.jsonl")) {
            Path rows = model.resolve("work").resolve(file);
            assertTrue(!Files.exists(rows) || !Files.readString(rows).contains("\"ana\""),
                    file + " holds no row of ana");
        }
    }

    @Test
    void should_say_when_no_user_is_given() {
        // when
        HomeCli cli = new HomeCli(home);
        int code = cli.run("forget", "--retrain");
        // then
        assertEquals(2, code);
        assertTrue(cli.err().contains("--user"), cli.err());
    }

    private static Map<?, ?> manifest(Path model) throws Exception {
        return new ObjectMapper().readValue(model.resolve(HydraModel.MANIFEST).toFile(), Map.class);
    }
}

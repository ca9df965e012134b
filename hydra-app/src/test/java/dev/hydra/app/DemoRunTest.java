package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Prompt;
import dev.hydra.api.Role;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end with a scripted black box that copies its first demonstration's tag. */
class DemoRunTest {

    @TempDir
    Path home;

    /** Answers with the first demonstration's answer, or "comedy" without demonstrations. */
    private static String copyFirstDemonstration(Prompt p, int sample) {
        List<dev.hydra.api.ChatTurn> turns = p.turns();
        return turns.size() > 1 && turns.get(1).role() == Role.ASSISTANT ? turns.get(1).text() : "comedy";
    }

    private Map<String, Map<String, Double>> run(ScriptedLlmBackend llm, ByteArrayOutputStream out) {
        try (Workspace ws = Workspace.withBackend(home, home.resolve("demo"), llm)) {
            return new DemoRun(ws, new PrintStream(out, true, StandardCharsets.UTF_8), ProgressListener.NONE).run();
        }
    }

    @Test
    void should_show_plain_rag_and_hydra_answers_and_cost_no_calls_when_run_again() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback(DemoRunTest::copyFirstDemonstration).build();
        ByteArrayOutputStream first = new ByteArrayOutputStream();

        // when
        Map<String, Map<String, Double>> metrics = run(llm, first);
        long calls = llm.calls();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        Map<String, Map<String, Double>> again = run(llm, second);

        // then
        String report = first.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("plain", "rag", "hydra"), List.copyOf(metrics.keySet()));
        assertTrue(report.contains("items used:"), report);
        assertTrue(report.contains("iris"), "a demo user is shown: " + report);
        // the plain model says "comedy" to everyone; the users' own tags win with their histories
        assertTrue(metrics.get("rag").get("accuracy") > metrics.get("plain").get("accuracy"), metrics.toString());
        assertTrue(metrics.get("hydra").get("accuracy") > metrics.get("plain").get("accuracy"), metrics.toString());
        assertTrue(calls > 0);
        assertEquals(calls, llm.calls(), "the rerun is served from the cache");
        assertEquals(metrics, again, "the rerun gives the same numbers");
    }
}

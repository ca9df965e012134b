package dev.hydra.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FuzzRunTest {

    @Test
    void should_read_executions_coverage_and_findings_from_jazzers_output() {
        // given what Jazzer prints for a run with a wrong accept and a crash (keep_going)
        List<String> lines = List.of("INFO: Instrumented dev.hydra.core.training.HydraModel (took 240 ms, size +17%)",
                "#2\tINITED cov: 16 ft: 16 corp: 1/1b exec/s: 0 rss: 1016Mb",
                "#4096\tpulse  cov: 51 ft: 70 corp: 9/120b lim: 43 exec/s: 2048 rss: 1100Mb",
                "== Java Exception: dev.hydra.fuzz.WrongAccept: trainer setting m: expected 3.7 but read 3",
                "\tat dev.hydra.fuzz.WrongAccept.unlessEqual(WrongAccept.java:25)",
                "== Java Exception: java.lang.NullPointerException: Cannot invoke \"String.length()\"",
                "#60001\tDONE   cov: 58 ft: 81 corp: 12/200b lim: 4096 exec/s: 6000 rss: 1200Mb",
                "Done 60001 runs in 10 second(s)");
        // when
        FuzzRun run = FuzzRun.parse(lines);
        // then
        assertEquals(new FuzzRun(60_001, 58, 81, 1, 1), run);
        assertEquals(Map.of("executions", 60_001L, "coverage_edges", 58L, "coverage_features", 81L, "new_crashes",
                1L, "wrong_accepts", 1L), run.asMap());
    }

    @Test
    void should_report_nothing_run_when_jazzer_printed_nothing() {
        assertEquals(new FuzzRun(0, 0, 0, 0, 0), FuzzRun.parse(List.of("Error: could not find the main class")));
    }
}

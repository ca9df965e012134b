package dev.hydra.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.cli.HydraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RetrievalBenchCommandTest {

    @TempDir
    Path out;

    private final StringWriter console = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void should_write_every_figure_of_a_small_run() throws Exception {
        // when
        int status = run("bench", "retrieval", "--users", "4", "--items-per-user", "6", "--queries", "5",
                "--warmup", "1", "--encoder-items", "6", "--seed", "7", "--out", out.toString());
        // then
        assertEquals(0, status, err.toString());
        JsonNode report = new ObjectMapper().readTree(out.resolve("bench-retrieval.json").toFile());
        assertEquals(24, report.get("items").asLong());
        for (String key : List.of("ingest_items_per_s", "ingest_items_per_s_no_encoder", "index_bytes",
                "encoder_alone_texts_per_s")) {
            assertTrue(report.get(key).asDouble() > 0, key + " in " + report);
        }
        for (String retriever : List.of("bm25", "bm25-okapi", "dense", "hybrid", "recency", "dense-scan")) {
            double p50 = report.get("retrieve_p50_ms").get(retriever).asDouble();
            assertTrue(p50 > 0 && p50 <= report.get("retrieve_p99_ms").get(retriever).asDouble(), retriever);
            assertTrue(report.get("retrieve_cpu_p50_ms").get(retriever).asDouble() > 0, retriever);
        }
        assertTrue(console.toString().contains("retrieve bm25"), console.toString());
        assertFalse(Files.exists(out.resolve("index")), "indexes are deleted unless --keep-indexes");
    }

    @Test
    void should_refuse_non_positive_sizes_as_a_usage_error() {
        assertEquals(2, run("bench", "retrieval", "--users", "0", "--out", out.toString()));
        assertTrue(err.toString().contains("--users"), err.toString());
    }

    @Test
    void should_generate_the_same_history_from_the_same_seed() {
        // given
        SyntheticHistory a = new SyntheticHistory(5);
        SyntheticHistory b = new SyntheticHistory(5);
        // when / then
        assertEquals(a.items(3, 4), b.items(3, 4));
        assertNotEquals(a.items(3, 4), new SyntheticHistory(6).items(3, 4));
        assertNotEquals(a.items(3, 4), a.items(4, 4));
        String text = a.items(0, 1).get(0).input();
        int words = text.split(" ").length;
        assertTrue(words >= 15 && words <= 60, text);
    }

    @Test
    void should_report_nearest_rank_percentiles() {
        // given 1..100 ms
        Latencies latencies = new Latencies(100);
        for (int i = 100; i >= 1; i--) {
            latencies.add(i * 1_000_000L);
        }
        // then
        assertEquals(50.0, latencies.percentileMs(50));
        assertEquals(99.0, latencies.percentileMs(99));
        assertEquals(50.5, latencies.meanMs(), 1e-9);
    }
}

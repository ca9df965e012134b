package dev.hydra.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.cli.HydraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchDecoratorCommandTest {

    @TempDir
    Path out;

    @Test
    void should_write_the_overhead_of_the_keyword_pipeline_as_json() throws Exception {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        // when
        int status = cli.execute("bench", "decorator", "--out", out.toString(), "--users", "2", "--items", "40",
                "--requests", "20", "--warmup", "2", "--no-heads");
        // then
        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench-decorator.json").toFile());
        assertEquals("keyword_bm25", json.get("pipeline").asText());
        assertTrue(json.get("overhead_p50_ms").asDouble() > 0, json.toString());
        assertTrue(json.get("overhead_p99_ms").asDouble() >= json.get("overhead_p50_ms").asDouble());
        assertEquals(22, json.get("keyword_bm25_okapi").get("delegate_calls").asInt(), "no adapter: one call each");
    }

    @Test
    void should_encode_only_the_query_and_the_candidates_per_request_of_the_heads_pipeline() throws Exception {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        // when
        int status = cli.execute("bench", "decorator", "--out", out.toString(), "--users", "2", "--items", "40",
                "--requests", "2", "--warmup", "0", "--heads-requests", "3", "--heads-warmup", "1");
        // then: the items' vectors come from the store, so each request encodes 1 query + N = 8 candidates
        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench-decorator.json").toFile());
        assertEquals("heads", json.get("pipeline").asText());
        assertEquals(9.0, json.get("heads").get("encoded_texts_per_request").asDouble(), json.toString());
        assertEquals(3, json.get("heads").get("requests").asInt(), json.toString());
        assertEquals(1, json.get("config").get("heads_warmup").asInt(), json.toString());
        // and the encoder alone on the same texts, the floor under that pipeline's overhead
        JsonNode alone = json.get("heads").get("encoder_alone");
        assertTrue(alone.get("query_p50_ms").asDouble() > 0 && alone.get("candidates_p50_ms").asDouble() > 0,
                json.toString());
        assertTrue(alone.get("total_p50_ms").asDouble() >= alone.get("candidates_p50_ms").asDouble(), json.toString());
        assertTrue(json.get("ingest_items_per_s").asDouble() > 0, json.toString());
    }

    @Test
    void should_refuse_a_negative_warmup_naming_the_option_and_write_nothing() {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        // when
        int status = cli.execute("bench", "decorator", "--out", out.resolve("bench").toString(), "--heads-warmup",
                "-1");
        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("--heads-warmup -1 is out of range"), err.toString());
        assertTrue(err.toString().contains("the warmups >= 0"), err.toString());
        assertFalse(Files.exists(out.resolve("bench")), "nothing written");
    }

    @Test
    void should_take_percentiles_by_nearest_rank() {
        // given
        Latencies values = new Latencies(5);
        for (long ms : new long[] {5, 1, 4, 2, 3}) {
            values.add(ms * 1_000_000);
        }
        // when / then
        assertEquals(3, values.percentileMs(50));
        assertEquals(5, values.percentileMs(99));
        assertEquals(1, values.percentileMs(1));
    }
}

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
    void should_add_the_realistic_figures_against_a_simulated_provider_with_the_delegates_latency() throws Exception {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        // when: a fast provider (20 ms +- 5 ms, answers of 20 words, so no two samples alike), a few requests per
        // setting
        int status = cli.execute("bench", "decorator", "--out", out.toString(), "--users", "2", "--items", "40",
                "--requests", "2", "--warmup", "0", "--heads-requests", "2", "--heads-warmup", "1",
                "--delegate-latency", "20", "--delegate-jitter", "5", "--delegate-tokens-per-s", "1000",
                "--realistic-requests", "4",
                "--realistic-warmup", "1");
        // then
        assertEquals(0, status, err.toString());
        JsonNode realistic = new ObjectMapper().readTree(out.resolve("bench-decorator.json").toFile())
                .get("realistic");
        assertEquals(20, realistic.get("delegate").get("answer_latency_ms").asInt(), realistic.toString());
        assertTrue(realistic.get("plain_p50_ms").asDouble() > 0, realistic.toString());
        for (String n : new String[] {"n1", "n4", "n8"}) {
            JsonNode m = realistic.get(n);
            for (String key : new String[] {"p50_ms", "p99_ms", "ratio_p50", "ratio_p99", "after_last_sample_p50_ms",
                    "ttft_p50_ms"}) {
                assertTrue(m.get(key).asDouble() > 0, n + "." + key + ": " + m);
            }
            assertEquals(0, m.get("failed_requests").asInt(), m.toString());
        }
        for (String n : new String[] {"n4", "n8"}) {
            JsonNode m = realistic.get(n); // the adapter encodes the last answer after the last sample, every time
            assertEquals(4, m.get("requests_encoding_last_answer").asInt(), n + ": " + m);
            assertTrue(m.get("last_answer_encoding_p50_ms").asDouble() > 0, n + ": " + m);
            assertTrue(m.get("after_last_sample_beyond_encoding_p50_ms").asDouble() >= 0, n + ": " + m);
        }
        JsonNode alone = realistic.get("answer_encoding_alone");
        assertEquals(20, alone.get("answer_words").asInt(), alone.toString());
        assertTrue(alone.get("back_to_back_p50_ms").asDouble() > 0, alone.toString());
        assertTrue(alone.get("after_50ms_idle_p50_ms").asDouble() > 0, alone.toString());
        assertTrue(realistic.get("n8").has("ttft_early_p50_ms"), realistic.toString());
        assertTrue(realistic.has("n8_independent_samples"), realistic.toString());
        JsonNode limited = realistic.get("rate_limited");
        assertEquals(0.2, limited.get("rate_limited_fraction").asDouble(), limited.toString());
        assertTrue(limited.has("failed_requests") && limited.get("ratio_p99").asDouble() > 0, limited.toString());
        assertTrue(limited.get("deadline_ms").asLong() >= 1, limited.toString());
    }

    @Test
    void should_refuse_the_realistic_figures_without_the_heads_pipeline_naming_the_options() {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        // when
        int status = cli.execute("bench", "decorator", "--out", out.resolve("bench").toString(), "--no-heads",
                "--delegate-latency", "400");
        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("--no-heads with --delegate-latency is out of range"), err.toString());
        assertTrue(err.toString().contains("drop --no-heads"), err.toString());
        assertFalse(Files.exists(out.resolve("bench")), "nothing written");
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

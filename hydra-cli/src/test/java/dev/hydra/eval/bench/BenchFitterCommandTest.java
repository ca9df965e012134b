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

class BenchFitterCommandTest {

    @TempDir
    Path out;

    private static CommandLine cli(StringWriter err) {
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void should_fit_every_new_user_in_the_background_and_write_its_cost_and_the_latencies() throws Exception {
        // given
        StringWriter err = new StringWriter();
        // when
        int status = cli(err).execute("bench", "fitter", "--out", out.toString(), "--train-users", "2",
                "--new-users", "2", "--items", "8", "--pseudo-queries", "1", "--latency-ms", "0", "--requests", "5",
                "--warmup", "1");
        // then every new user was queued and fitted, each fit within the calls it announced (R 1 x (M 10 + N 8))
        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench-fitter.json").toFile());
        assertEquals(2, json.get("offers").get("QUEUED").asInt(), json.toString());
        assertTrue(json.get("learned_forced_on").asBoolean());
        assertEquals(18, json.get("call_ceiling_per_fit").asInt(), json.toString());
        double perUser = json.get("calls_per_user_fitted").asDouble();
        assertTrue(perUser > 0 && perUser <= 18, json.toString());
        assertEquals(5, json.get("requests_idle").get("count").asInt());
        assertTrue(json.get("requests_idle").get("p99_ms").asDouble() >= json.get("requests_idle").get("p50_ms")
                .asDouble(), json.toString());
    }

    @Test
    void should_refuse_too_few_items_naming_the_option_and_write_nothing() {
        // given
        StringWriter err = new StringWriter();
        // when
        int status = cli(err).execute("bench", "fitter", "--out", out.resolve("bench").toString(), "--items", "3");
        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("--items >= 4"), err.toString());
        assertFalse(Files.exists(out.resolve("bench")));
    }
}

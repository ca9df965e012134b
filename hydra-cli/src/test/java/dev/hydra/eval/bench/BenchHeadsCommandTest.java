package dev.hydra.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hydra bench heads} at tiny sizes writes every figure. */
class BenchHeadsCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_write_every_figure() throws IOException {
        // when
        int status = Main.run("bench", "heads", "--out", dir.toString(), "--dim", "8", "--users", "3",
                "--new-users", "2", "--epochs", "2", "--scorings", "500");

        // then
        assertEquals(0, status);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("bench-heads.json").toFile());
        for (String key : new String[] {"head_bytes", "fit_seconds_per_user", "score_ms", "train_pairs_per_s",
                "rss_growth_mb"}) {
            assertTrue(json.has(key), "missing " + key + " in " + json);
        }
        assertTrue(json.get("head_bytes").get("lowrank").asLong() < json.get("head_bytes").get("hydra").asLong(),
                json.toString());
        assertEquals(500, json.get("rss_scorings").asInt());
    }

    @Test
    void should_fail_without_an_output_directory() {
        // when
        int status = Main.run("bench", "heads");

        // then
        assertEquals(2, status);
    }
}

package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hydra train --store}: the budget's and the store's bad values, refused before any model is opened. */
class TrainCommandTest {

    @TempDir
    Path home;

    private HomeCli cli;

    @BeforeEach
    void cli() {
        cli = new HomeCli(home);
    }

    @Test
    void should_require_a_budget_with_a_store() {
        // when
        int code = cli.run("train", "--store", home.toString(), "--task", "movie_tagging");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("--store needs --budget-calls N"), cli.err());
    }

    @Test
    void should_reject_a_budget_of_no_calls_naming_the_value_and_the_rule() {
        // when
        int code = cli.run("train", "--store", home.toString(), "--task", "movie_tagging", "--budget-calls", "0");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("--budget-calls 0") && cli.err().contains("maxCalls must be >= 1"),
                cli.err());
    }

    @Test
    void should_reject_a_budget_of_negative_tokens() {
        // when
        int code = cli.run("train", "--store", home.toString(), "--task", "movie_tagging", "--budget-calls", "300",
                "--budget-tokens", "-1");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("maxTokens must be >= 1, was -1"), cli.err());
    }

    @Test
    void should_say_when_the_store_is_missing() {
        // when
        int code = cli.run("train", "--store", home.resolve("nowhere").toString(), "--task", "movie_tagging",
                "--budget-calls", "300");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("no history store at") && cli.err().contains("hydra ingest"),
                cli.err());
    }

    @Test
    void should_take_either_data_or_a_store() {
        // when
        int code = cli.run("train", "--task", "movie_tagging");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("give either --data TASK_DIR"), cli.err());
    }
}

package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hydra train --store}: the budget's and the store's bad values, refused before any model is opened. */
class TrainCommandTest {

    @TempDir
    Path home;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--hydra-home";
        all[args.length + 1] = home.toString();
        return cli.execute(all);
    }

    @Test
    void should_require_a_budget_with_a_store() {
        // when
        int code = run("train", "--store", home.toString(), "--task", "movie_tagging");
        // then
        assertEquals(1, code);
        assertTrue(err.toString().contains("--store needs --budget-calls N"), err.toString());
    }

    @Test
    void should_reject_a_budget_of_no_calls_naming_the_value_and_the_rule() {
        // when
        int code = run("train", "--store", home.toString(), "--task", "movie_tagging", "--budget-calls", "0");
        // then
        assertEquals(1, code);
        assertTrue(err.toString().contains("--budget-calls 0") && err.toString().contains("maxCalls must be >= 1"),
                err.toString());
    }

    @Test
    void should_reject_a_budget_of_negative_tokens() {
        // when
        int code = run("train", "--store", home.toString(), "--task", "movie_tagging", "--budget-calls", "300",
                "--budget-tokens", "-1");
        // then
        assertEquals(1, code);
        assertTrue(err.toString().contains("maxTokens must be >= 1, was -1"), err.toString());
    }

    @Test
    void should_say_when_the_store_is_missing() {
        // when
        int code = run("train", "--store", home.resolve("nowhere").toString(), "--task", "movie_tagging",
                "--budget-calls", "300");
        // then
        assertEquals(1, code);
        assertTrue(err.toString().contains("no history store at") && err.toString().contains("hydra ingest"),
                err.toString());
    }

    @Test
    void should_take_either_data_or_a_store() {
        // when
        int code = run("train", "--task", "movie_tagging");
        // then
        assertEquals(1, code);
        assertTrue(err.toString().contains("give either --data TASK_DIR"), err.toString());
    }
}

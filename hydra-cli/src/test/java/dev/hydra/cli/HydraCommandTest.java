package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HydraCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void should_print_the_version_of_the_build() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().matches("(?s)hydra \\d+\\.\\d+\\.\\d+.*\\nJava 17.*"), out.toString());
    }

    @Test
    void should_print_usage_with_help() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: hydra"), out.toString());
    }

    @Test
    void should_fail_on_an_unknown_command_with_a_usage_error() {
        assertEquals(2, run("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }
}

package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.llamacpp.LlmSpec;
import dev.hydra.llamacpp.LocalModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ModelCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void should_list_the_model_and_bench_commands() {
        assertEquals(0, run(HydraCommand.commandLine(), "--help"));
        assertTrue(out.toString().contains("model") && out.toString().contains("bench"), out.toString());
    }

    @Test
    void should_report_a_model_that_is_already_in_place_without_fetching() throws Exception {
        // given: the shared copy (fetched once per machine) linked into a fresh home
        Path real = LocalModels.ensureSmolLm2(LocalModels.hydraHome());
        Files.createDirectories(home.resolve("models"));
        Files.createSymbolicLink(home.resolve("models").resolve(LocalModels.SMOLLM2_FILE), real);
        // when
        int status = run(HydraCommand.commandLine(), "model", "fetch", "--hydra-home", home.toString());
        // then
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("ready: " + home.resolve("models")), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void should_refuse_an_unknown_llm_with_a_usage_error_naming_the_forms() {
        assertEquals(2, run(new CommandLine(new WithLlm()), "--llm", "gpt5"));
        assertTrue(err.toString().contains(LlmSpec.FORMS), err.toString());
    }

    @Test
    void should_default_to_smollm2_under_the_given_home() {
        // given
        WithLlm command = new WithLlm();
        // when
        int status = run(new CommandLine(command), "--hydra-home", home.toString());
        // then
        assertEquals(0, status);
        assertEquals(LlmSpec.parse("smollm2"), command.options.llm());
        assertEquals(home, command.options.hydraHome());
    }

    @Test
    void should_require_an_output_folder_for_the_llm_bench() {
        assertEquals(2, run(HydraCommand.commandLine(), "bench", "llm"));
        assertTrue(err.toString().contains("--out"), err.toString());
    }

    /** A command that only parses the shared LLM options. */
    @Command(name = "with-llm")
    static final class WithLlm implements Runnable {
        @Mixin
        LlmOptions options;

        @Override
        public void run() {}
    }
}

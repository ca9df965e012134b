package dev.hydra.eval.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hydra bench}: latency and throughput measurements, one subcommand per part. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures latency, throughput and size (see the subcommands).",
        subcommands = {RetrievalBenchCommand.class, BenchHeadsCommand.class, BenchLlmCommand.class,
                BenchStoresCommand.class,
                BenchDecoratorCommand.class, BenchFitterCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public BenchCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

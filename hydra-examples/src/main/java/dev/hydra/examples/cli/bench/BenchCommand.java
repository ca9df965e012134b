package dev.hydra.examples.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hydra bench}: the benchmarks of latency, throughput and size; each one a subcommand. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures latency, throughput and size (see the subcommands).",
        subcommands = {RetrievalBenchCommand.class})
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

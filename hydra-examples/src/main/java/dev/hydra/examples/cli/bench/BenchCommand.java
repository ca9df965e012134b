package dev.hydra.examples.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hydra bench}: latency and throughput measurements, one subcommand per part. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure latency and throughput.",
        subcommands = {BenchLlmCommand.class, BenchHeadsCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.hydra.cli;

import dev.hydra.it.reliability.ReliabilityCheck;
import dev.hydra.it.reliability.Sizes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hydra check}: checks that write JSON figures (see the subcommands). */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Checks that write JSON figures.",
        subcommands = CheckCommand.Reliability.class)
final class CheckCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hydra check reliability}: the five scenarios of issue 10. */
    @Command(name = "reliability", mixinStandardHelpOptions = true,
            description = {"Isolation under load, erasure, crashes (kill -9), black-box faults and bad input; "
                    + "writes DIR/reliability.json. Every figure named lost, leak, residue or uncaught must be 0."})
    static final class Reliability implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where reliability.json goes.")
        private Path out;

        @Option(names = "--seed", description = "Seed of data, schedules and failures (default: ${DEFAULT-VALUE}).")
        private long seed = 42;

        @Option(names = "--small", description = "The build's smaller sizes instead of issue 10's.")
        private boolean small;

        @Override
        public Integer call() throws Exception {
            Sizes sizes = small ? Sizes.SMALL : Sizes.FULL;
            var result = ReliabilityCheck.run(out, sizes, seed, spec.commandLine().getErr());
            spec.commandLine().getOut().println(java.nio.file.Files.readString(out.resolve("reliability.json")));
            return failed(result) ? 1 : 0;
        }

        private static boolean failed(java.util.Map<String, Object> result) {
            return result.toString().matches(".*\\b(cross_user_leaks|forget_residue|lost_acknowledged|lost_requests"
                    + "|uncaught)=[1-9].*");
        }
    }
}

package dev.hydra.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath(), "dev.hydra.it.reliability.ReliabilityCheck", out.toString(),
                    Long.toString(seed), small ? "small" : "full");
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }

        /**
         * The scenarios are test code that drives the testkit's doubles: they run on hydra-it's test class path,
         * which hydra-it's build writes, so that this JVM's class path holds no test library.
         */
        private static String classPath() throws IOException {
            Path it = Path.of(System.getProperty("hydra.repo", "."), "hydra-it", "target");
            Path file = it.resolve("reliability-classpath.txt");
            if (!Files.isRegularFile(file) || !Files.isDirectory(it.resolve("test-classes"))) {
                throw new IllegalStateException("no reliability check in " + it.toAbsolutePath()
                        + "; build it with `mvn -DskipTests package` (hydra-it writes " + file.getFileName() + ")");
            }
            return String.join(File.pathSeparator, it.resolve("test-classes").toString(),
                    it.resolve("classes").toString(), Files.readString(file).trim());
        }
    }
}

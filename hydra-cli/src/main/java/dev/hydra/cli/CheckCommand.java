package dev.hydra.cli;

import dev.hydra.app.StoreSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hydra check}: checks that write JSON figures (see the subcommands). */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Checks that write JSON figures.",
        subcommands = {CheckCommand.Reliability.class, CheckCommand.Fuzz.class})
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
                    + "writes DIR/reliability.json. Every figure named lost, leak, residue or uncaught must be 0. "
                    + "With --store jdbc:postgresql://..., users' state lives in PostgreSQL, and two instances "
                    + "share one schema (\"two_instances\")."})
    static final class Reliability implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where reliability.json goes.")
        private Path out;

        @Option(names = "--seed", description = "Seed of data, schedules and failures (default: ${DEFAULT-VALUE}).")
        private long seed = 42;

        @Option(names = "--small", description = "The build's smaller sizes instead of issue 10's.")
        private boolean small;

        @Option(names = "--store", paramLabel = "JDBC_URL", description = "Run the isolation, erasure, crash and "
                + "bad-input scenarios with users' state in this PostgreSQL server, and two instances over one schema "
                + "(jdbc:postgresql://host:5432/db?user=u&password=p); each scenario drops and recreates a schema "
                + "rel_<scenario> of its own. Default: Lucene and files under --out.")
        private String store;

        @Override
        public Integer call() throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
                    "dev.hydra.it.reliability.ReliabilityCheck", out.toString(), Long.toString(seed),
                    small ? "small" : "full"));
            if (store != null) {
                command.add(database(store));
            }
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }

        /** The server a {@code --store} names; a folder is refused: without the option the check uses folders. */
        static String database(String store) {
            StoreSpec spec = StoreSpec.parse(store);
            if (!spec.isDatabase()) {
                throw new IllegalArgumentException("invalid --store \"" + store + "\": the reliability check runs "
                        + "on a PostgreSQL server given by a JDBC URL (jdbc:postgresql://host:5432/db?user=u), or, "
                        + "without --store, on Lucene and files under --out");
            }
            return spec.jdbcUrl().orElseThrow();
        }

        private static String classPath() throws IOException {
            return testClassPath("hydra-it", "reliability-classpath.txt", "reliability check");
        }
    }

    /** {@code hydra check fuzz}: Jazzer on every reader of outside bytes (issue 22). */
    @Command(name = "fuzz", mixinStandardHelpOptions = true,
            description = {"Coverage-guided fuzzing (Jazzer) of every reader of outside bytes, each target for the "
                    + "given time in a JVM of its own; adds \"fuzz\" (executions, coverage, new crashes, wrong "
                    + "accepts) to DIR/reliability.json. A finding's input joins the target's seeds in hydra-fuzz, "
                    + "where `mvn verify` replays it. Exits 1 on a crash or a wrong accept."})
    static final class Fuzz implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where reliability.json is.")
        private Path out;

        @Option(names = "--seconds", paramLabel = "S",
                description = "Seconds per target (default: ${DEFAULT-VALUE}; 8 targets).")
        private int seconds = 60;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1) {
                throw new IllegalArgumentException("--seconds must be >= 1, was " + seconds);
            }
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", testClassPath("hydra-fuzz", "fuzz-classpath.txt", "fuzz check"),
                    "dev.hydra.fuzz.FuzzCheck", out.toString(), Integer.toString(seconds), repo().toString());
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    private static Path repo() {
        return Path.of(System.getProperty("hydra.repo", ".")).toAbsolutePath().normalize();
    }

    /**
     * The checks are test code that drives test libraries (the testkit's doubles, Jazzer): they run in a child JVM on
     * the module's test class path, which its build writes, so that this JVM's class path holds no test library.
     */
    private static String testClassPath(String module, String file, String what) throws IOException {
        Path target = repo().resolve(module).resolve("target");
        Path list = target.resolve(file);
        if (!Files.isRegularFile(list) || !Files.isDirectory(target.resolve("test-classes"))) {
            throw new IllegalStateException("no " + what + " in " + target + "; build it with `mvn -DskipTests "
                    + "package` (" + module + " writes " + file + ")");
        }
        return String.join(File.pathSeparator, target.resolve("test-classes").toString(),
                target.resolve("classes").toString(), Files.readString(list).trim());
    }
}

package dev.hydra.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a throwaway PostgreSQL server from the machine's binaries
 * ({@code hydra.postgresBin}, by default Debian's {@code /usr/lib/postgresql/15/bin}): its own data folder in a
 * temporary directory, trust authentication on a free loopback port, no Unix socket outside that directory. One
 * server serves every test class of a module run (it lives in the root context's store); it is stopped and its
 * folder deleted when the run ends.
 *
 * <p>As root (CI containers), {@code initdb} and {@code postgres} refuse to run: then they run as the
 * {@code postgres} OS user (which Debian's package creates) through {@code runuser}, in a folder that user owns.
 * Where the binaries are absent, the tests skip, naming the package to install; with the system property
 * {@code hydra.requirePostgres=true} (set by {@code .ci/run}) they fail instead.
 *
 * <pre>{@code
 * @RegisterExtension static final TemporaryPostgres POSTGRES = new TemporaryPostgres();
 * ... PostgresDatabase.open(POSTGRES.jdbcUrl(), "some_schema", 4) ...
 * }</pre>
 */
public final class TemporaryPostgres implements BeforeAllCallback {

    /** The Debian package that holds the binaries. */
    static final String PACKAGE = "postgresql-15";

    private Server server;

    /**
     * The JDBC URL of the running server's database {@code postgres}, as user {@code hydra}.
     *
     * @return the URL
     * @throws IllegalStateException before the extension started the server
     */
    public String jdbcUrl() {
        if (server == null) {
            throw new IllegalStateException(
                    "the server is not started: register TemporaryPostgres with @RegisterExtension");
        }
        return "jdbc:postgresql://127.0.0.1:" + server.port + "/postgres?user=hydra";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path bin = Path.of(System.getProperty("hydra.postgresBin", "/usr/lib/postgresql/15/bin"));
        boolean required = Boolean.getBoolean("hydra.requirePostgres");
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            String message = "PostgreSQL's binaries are not in " + bin + ": install the Debian package " + PACKAGE
                    + " (apt-get install " + PACKAGE + "), or point -Dhydra.postgresBin at another bin folder";
            if (required) {
                throw new IllegalStateException(message + " (hydra.requirePostgres=true: not skipping)");
            }
            System.err.println("TemporaryPostgres: skipping " + context.getDisplayName() + ": " + message);
            Assumptions.abort(message);
        }
        server = context.getRoot().getStore(ExtensionContext.Namespace.create(TemporaryPostgres.class))
                .getOrComputeIfAbsent(Server.class, k -> Server.start(bin), Server.class);
    }

    /** A running server, stopped and deleted when the root context closes. */
    static final class Server implements AutoCloseable {

        private final Path bin;
        private final Path dir;
        private final boolean asPostgresUser;
        final int port;

        private Server(Path bin, Path dir, boolean asPostgresUser, int port) {
            this.bin = bin;
            this.dir = dir;
            this.asPostgresUser = asPostgresUser;
            this.port = port;
        }

        static Server start(Path bin) {
            try {
                boolean root = "root".equals(System.getProperty("user.name"));
                Path dir = Files.createTempDirectory("hydra-postgres-");
                if (root) {
                    run(List.of("chown", "postgres", dir.toString()), dir);
                }
                Server server = new Server(bin, dir, root, freePort());
                server.pg(List.of(bin.resolve("initdb").toString(), "-D", server.data(), "-U", "hydra",
                        "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"));
                // fsync off: a throwaway server; the stores' durability is PostgreSQL's, not what the tests measure
                server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data(), "-l",
                        dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + server.port + " -h 127.0.0.1 -k " + dir + " -c fsync=off -c full_page_writes=off"
                                + " -c max_connections=200",
                        "start"));
                return server;
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot start a temporary PostgreSQL from " + bin + ": " + e.getMessage(), e);
            }
        }

        private String data() {
            return dir.resolve("data").toString();
        }

        private void pg(List<String> command) throws IOException {
            List<String> full = new ArrayList<>();
            if (asPostgresUser) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            run(full, dir);
        }

        private static void run(List<String> command, Path dir) throws IOException {
            Path out = Files.createTempFile("hydra-postgres-cmd-", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    String log = Files.readString(out);
                    Path serverLog = dir.resolve("server.log");
                    if (Files.exists(serverLog)) {
                        log += "\n" + Files.readString(serverLog);
                    }
                    throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            } finally {
                Files.deleteIfExists(out);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
            } finally {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}

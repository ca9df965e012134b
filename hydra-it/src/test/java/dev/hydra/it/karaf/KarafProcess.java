package dev.hydra.it.karaf;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An unpacked Karaf distribution run as a child JVM ({@code org.apache.karaf.main.Main}, the command line of
 * {@code bin/karaf server}) with its base, etc and data in a fresh directory, so that the unpacked home stays as
 * Maven left it, and driven through Karaf's own ssh client ({@code org.apache.karaf.client.Main}), one child JVM
 * per command, each with a timeout.
 *
 * <p>Offline: Pax URL resolves {@code mvn:} URLs from Karaf's {@code system/} folder and one extra folder in
 * repository layout (the bundles the build copied there), with no remote repository and a local repository of its
 * own, so neither the network nor {@code ~/.m2} is touched. The ssh and RMI ports are free ports chosen at start.
 */
final class KarafProcess implements AutoCloseable {

    private final Path home;
    private final Path base;
    private final int sshPort;
    private Process karaf;

    private KarafProcess(Path home, Path base, int sshPort) {
        this.home = home;
        this.base = base;
        this.sshPort = sshPort;
    }

    /**
     * Lays out a fresh base directory for a distribution.
     *
     * @param home the unpacked distribution ({@code apache-karaf-VERSION})
     * @param base the run's directory; deleted first
     * @param repository a folder in Maven repository layout with the bundles to install
     * @param configs Configuration Admin configurations, PID to properties, written as {@code etc/PID.cfg}
     * @return the prepared, not yet started, Karaf
     * @throws IOException when the folders cannot be written
     */
    static KarafProcess prepare(Path home, Path base, Path repository, Map<String, Map<String, String>> configs)
            throws IOException {
        delete(base);
        Files.createDirectories(base.resolve("deploy"));
        Files.createDirectories(base.resolve("data/tmp"));
        copy(home.resolve("etc"), base.resolve("etc"));
        Path etc = base.resolve("etc");
        int ssh = freePort();
        append(etc.resolve("org.apache.karaf.shell.cfg"), Map.of("sshPort", "" + ssh, "sshHost", "127.0.0.1"));
        append(etc.resolve("org.apache.karaf.management.cfg"),
                Map.of("rmiRegistryPort", "" + freePort(), "rmiServerPort", "" + freePort()));
        Files.writeString(etc.resolve("users.properties"),
                "karaf = karaf,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.localRepository=" + base.resolve("m2").toAbsolutePath(),
                "org.ops4j.pax.url.mvn.defaultRepositories=" + home.resolve("system").toUri()
                        + "@id=system.repository@snapshots, " + repository.toUri() + "@id=hydra@snapshots",
                "org.ops4j.pax.url.mvn.repositories=",
                "org.ops4j.pax.url.mvn.useFallbackRepositories=false",
                "org.ops4j.pax.url.mvn.offline=true", ""), StandardCharsets.UTF_8);
        for (Map.Entry<String, Map<String, String>> c : configs.entrySet()) {
            append(etc.resolve(c.getKey() + ".cfg"), c.getValue());
        }
        return new KarafProcess(home, base, ssh);
    }

    /**
     * Starts the Karaf JVM; its output goes to {@code karaf.out} in the base directory.
     *
     * @return this
     * @throws IOException when the JVM cannot start
     */
    KarafProcess start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g",
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=" + jar(home.resolve("lib/endorsed"), "org.apache.karaf.specs.locator-"),
                "--patch-module", "java.xml=" + jar(home.resolve("lib/endorsed"), "org.apache.karaf.specs.java.xml-"),
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "-Dkaraf.instances=" + base.resolve("instances"),
                "-Dkaraf.home=" + home,
                "-Dkaraf.base=" + base,
                "-Dkaraf.data=" + base.resolve("data"),
                "-Dkaraf.etc=" + base.resolve("etc"),
                "-Dkaraf.log=" + base.resolve("data/log"),
                "-Dkaraf.restart.jvm.supported=false",
                "-Djava.io.tmpdir=" + base.resolve("data/tmp"),
                "-Djava.util.logging.config.file=" + base.resolve("etc/java.util.logging.properties"),
                "-Dkaraf.startLocalConsole=false", "-Dkaraf.startRemoteShell=true",
                "-classpath", classPath(home.resolve("lib/boot"), home.resolve("lib/jdk9plus")),
                "org.apache.karaf.main.Main"));
        karaf = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("karaf.out").toFile()).start();
        return this;
    }

    /**
     * Runs one shell command through Karaf's ssh client, retrying the connection while Karaf starts.
     *
     * @param command the command line, as typed in Karaf's shell
     * @param timeout how long the command may take
     * @return what it printed
     * @throws IllegalStateException when it failed, timed out or Karaf died; the message holds its output
     */
    String shell(String command, Duration timeout) {
        if (karaf == null || !karaf.isAlive()) {
            throw new IllegalStateException("Karaf is not running; its output: " + tail(base.resolve("karaf.out")));
        }
        Path client = home.resolve("system/org/apache/karaf/org.apache.karaf.client");
        Path out = base.resolve("client.out");
        try {
            Process p = new ProcessBuilder(java(), "-Duser.home=" + base.resolve("client-home"),
                    "-Dkaraf.home=" + home, "-Dkaraf.base=" + base, "-Dkaraf.etc=" + base.resolve("etc"),
                    "-classpath", classPath(client, home.resolve("system/org/apache/sshd/sshd-osgi"),
                            home.resolve("system/org/apache/sshd/sshd-scp"),
                            home.resolve("system/org/apache/sshd/sshd-sftp"),
                            home.resolve("system/org/fusesource/jansi/jansi"), home.resolve("system/org/jline/jline")),
                    "org.apache.karaf.client.Main", "-h", "127.0.0.1", "-a", "" + sshPort, "-u", "karaf", "-p", "karaf",
                    "-r", "60", "-d", "2", command)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException("`" + command + "` took longer than " + timeout + "; printed: "
                        + read(out));
            }
            String printed = read(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("`" + command + "` failed (exit " + p.exitValue() + "): " + printed
                        + "\nKaraf's log: " + tail(base.resolve("data/log/karaf.log")));
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + command + "`", e);
        }
    }

    /**
     * The last lines of Karaf's log, for failure messages.
     *
     * @return up to the last 60 lines
     */
    String logTail() {
        return tail(base.resolve("data/log/karaf.log"));
    }

    /** Stops Karaf: SIGTERM (its shutdown hook stops the framework), then a kill after 30 s. */
    @Override
    public void close() {
        if (karaf == null) {
            return;
        }
        karaf.descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.destroy();
        try {
            if (!karaf.waitFor(30, TimeUnit.SECONDS)) {
                karaf.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            karaf.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*.jar in " + dir)).toString();
        }
    }

    /** Every jar under the folders, joined as a class path. */
    private static String classPath(Path... dirs) throws IOException {
        List<String> jars = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> jars.add(f.toString()));
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void append(Path cfg, Map<String, String> properties) throws IOException {
        String lines = properties.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n", "\n", "\n"));
        Files.writeString(cfg, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}

package dev.hydra.cli;

import dev.hydra.app.FileTrees;
import dev.hydra.it.osgi.BundleSet;
import dev.hydra.it.osgi.OsgiCheck;
import dev.hydra.it.osgi.OsgiCheckReport;
import dev.hydra.it.osgi.OsgiRuntime;
import dev.hydra.it.osgi.Reflect;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hydra osgi}: Hydra as bundles in an embedded Apache Felix. */
@Command(name = "osgi", mixinStandardHelpOptions = true,
        description = "Run Hydra as OSGi bundles in an embedded Apache Felix (DS, Configuration Admin, SPI Fly).",
        subcommands = {OsgiCommand.Check.class, OsgiCommand.Run.class})
public final class OsgiCommand implements Runnable {

    private static final String PIPELINE = "dev.hydra.core.osgi.PipelineService";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hydra osgi check}: the end-to-end check, written as {@code osgi-check.json}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Start every bundle, personalize through the services, install/use/uninstall the example "
                    + "plugin, encode with the MiniLM component, load a tiny trained model through the model "
                    + "component and personalize with it, use the LLM component (a local OpenAI-compatible endpoint; "
                    + "SmolLM2 with llama.cpp when fetched); writes DIR/osgi-check.json. Exit code 1 when a check "
                    + "fails.")
    static final class Check implements java.util.concurrent.Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where osgi-check.json goes.")
        private Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            Path work = Files.createTempDirectory("hydra-osgi-");
            OsgiCheckReport report;
            try {
                report = new OsgiCheck(BundleSet.locate(), work, line -> err.println("osgi: " + line), true, true)
                        .run();
            } finally {
                FileTrees.delete(work);
            }
            Path file = OsgiCheck.write(report, out);
            spec.commandLine().getOut().println(Files.readString(file));
            return report.passed() ? 0 : 1;
        }
    }

    /** {@code hydra osgi run}: the runtime, configured from a properties file, until interrupted. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start Felix with Hydra's bundles, apply configurations, install extra plugin bundles, "
                    + "list what runs, and keep running until Ctrl-C (or --seconds).")
    static final class Run implements java.util.concurrent.Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "Configurations as properties: "
                + "<pid>/<property>=<value>, e.g. dev.hydra.pipeline/backend=scripted; a factory configuration is "
                + "<factory-pid>~<name>/<property>=<value>, e.g. dev.hydra.model~main/model.dir=/models/lamp5.")
        private Path config;

        @Option(names = "--install", paramLabel = "JAR", split = ",",
                description = "Plugin bundles to install and start after the Hydra bundles.")
        private List<Path> install = new ArrayList<>();

        @Option(names = "--storage", paramLabel = "DIR", description = "Framework cache (default: a temp dir).")
        private Path storage;

        @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: run until "
                + "interrupted).")
        private Integer seconds;

        @Override
        public Integer call() throws IOException, BundleException, InterruptedException {
            Path cache = storage != null ? storage : Files.createTempDirectory("hydra-osgi-");
            try {
                return run(cache);
            } finally {
                if (storage == null) {
                    FileTrees.delete(cache); // a copy of every bundle: hydra-heads' is 110 MB
                }
            }
        }

        private int run(Path cache) throws IOException, BundleException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (OsgiRuntime osgi = OsgiRuntime.start(BundleSet.locate(), cache)) {
                for (Map.Entry<String, Map<String, Object>> pid : configurations(config).entrySet()) {
                    int tilde = pid.getKey().indexOf('~');
                    if (tilde > 0) {
                        osgi.configureFactory(pid.getKey().substring(0, tilde), pid.getKey().substring(tilde + 1),
                                pid.getValue());
                    } else {
                        osgi.configure(pid.getKey(), pid.getValue());
                    }
                    out.println("configured " + pid.getKey() + " " + pid.getValue());
                }
                for (Path jar : install) {
                    Bundle b = osgi.install(jar);
                    out.println("installed " + b.getSymbolicName() + " " + b.getVersion());
                }
                for (Bundle b : osgi.framework().getBundleContext().getBundles()) {
                    out.printf(Locale.ROOT, "%3d %-9s %s %s%n", b.getBundleId(), state(b), b.getSymbolicName(),
                            b.getVersion());
                }
                out.println(osgi.notActive().isEmpty() ? "all bundles active" : "not active: " + osgi.notActive());
                if (osgi.references(PIPELINE, null) == null
                        && configurations(config).containsKey("dev.hydra.pipeline")) {
                    osgi.awaitReference(PIPELINE, null, WAIT);
                }
                ServiceReference<?>[] pipelines = osgi.references(PIPELINE, null);
                out.println(pipelines == null ? "no pipeline service (configure PID dev.hydra.pipeline)"
                        : "pipeline service: " + Reflect.call(osgi.framework().getBundleContext().getService(
                                pipelines[0]), "settings"));
                Object registry = osgi.awaitService("dev.hydra.core.registry.PluginRegistry", null, WAIT);
                out.println("plugins: " + Reflect.call(registry, "snapshot"));
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Thread hook = new Thread(stop::countDown, "hydra-osgi-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                if (seconds != null) {
                    stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
                    Runtime.getRuntime().removeShutdownHook(hook);
                } else {
                    stop.await();
                }
            }
            return 0;
        }

        static Map<String, Map<String, Object>> configurations(Path file) throws IOException {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            if (file == null) {
                return out;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                int slash = key.lastIndexOf('/');
                if (slash <= 0 || slash == key.length() - 1) {
                    throw new CommandLine.ParameterException(new CommandLine(new Run()),
                            "configuration key \"" + key + "\" is not <pid>/<property>");
                }
                out.computeIfAbsent(key.substring(0, slash), k -> new LinkedHashMap<>())
                        .put(key.substring(slash + 1), p.getProperty(key));
            }
            return out;
        }

        private static String state(Bundle b) {
            return switch (b.getState()) {
                case Bundle.ACTIVE -> "ACTIVE";
                case Bundle.RESOLVED -> "RESOLVED";
                case Bundle.INSTALLED -> "INSTALLED";
                case Bundle.STARTING -> "STARTING";
                default -> "state " + b.getState();
            };
        }
    }
}

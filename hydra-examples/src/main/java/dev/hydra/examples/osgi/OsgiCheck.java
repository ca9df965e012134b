package dev.hydra.examples.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * The end-to-end OSGi check: start Felix with every bundle, configure a pipeline through Configuration Admin
 * (BM25 over a Lucene store, the testkit's scripted black box), personalize one request, install the example
 * plugin bundle and run a request that names it, uninstall it, and check that requests naming it fail with the
 * known names while the rest keep working.
 */
public final class OsgiCheck {

    static final String PIPELINE = "dev.hydra.core.osgi.PipelineService";
    static final String RETRIEVER = "dev.hydra.api.spi.RetrieverProvider";
    static final String PLUGIN = "keyword-overlap";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration PLUGIN_WAIT = Duration.ofSeconds(5);

    private final BundleSet set;
    private final Path work;
    private final Consumer<String> log;
    private final boolean probeDjl;

    /**
     * Prepares a check.
     *
     * @param set the bundle jars
     * @param work a directory for the framework cache and the history index
     * @param log where progress lines go
     * @param probeDjl whether to run DJL inside the framework; PyTorch's natives bind to the first class loader
     *     that loads them, so only one framework per JVM can do it
     */
    public OsgiCheck(BundleSet set, Path work, Consumer<String> log, boolean probeDjl) {
        this.set = set;
        this.work = work;
        this.log = log;
        this.probeDjl = probeDjl;
    }

    /**
     * Runs the check; never throws for a failed step, which becomes a note of the report.
     *
     * @return the report
     */
    public OsgiCheckReport run() {
        List<String> notes = new ArrayList<>();
        long t0 = System.nanoTime();
        try (OsgiRuntime osgi = OsgiRuntime.start(set, work.resolve("felix-cache"))) {
            List<String> inactive = osgi.notActive();
            notes.addAll(inactive);
            log.accept(String.format("%d bundles installed and started in %.2f s, %d not active",
                    osgi.bundles().size(), (System.nanoTime() - t0) / 1e9, inactive.size()));
            HydraCalls hydra = configure(osgi);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format("framework up, pipeline service available in %.2f s", startSeconds));
            boolean personalized = step(notes, "personalize", () -> personalized(hydra));
            boolean pluginUsed = step(notes, "plugin use", () -> pluginUsed(osgi, hydra));
            boolean pluginRemoved = pluginUsed && step(notes, "plugin removal", () -> pluginRemoved(osgi, hydra));
            boolean langchain4j = step(notes, "langchain4j", () -> langchain4j(osgi));
            Boolean djl = probeDjl ? step(notes, "djl", () -> djl(osgi)) : null;
            return new OsgiCheckReport(osgi.bundles().size(), osgi.bundles().size() - inactive.size(), personalized,
                    pluginUsed, pluginRemoved, langchain4j, java.util.Optional.ofNullable(djl), startSeconds, notes);
        } catch (RuntimeException e) {
            notes.add("framework: " + e);
            return new OsgiCheckReport(set.bundles().size(), 0, false, false, false, false,
                    java.util.Optional.of(false), (System.nanoTime() - t0) / 1e9, notes);
        }
    }

    private HydraCalls configure(OsgiRuntime osgi) {
        osgi.configure("dev.hydra.history.lucene", Map.of("path", work.resolve("history").toString()));
        osgi.configure("dev.hydra.testkit.scripted", Map.of("answer", "Tubeless, always"));
        osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend", "scripted",
                "task", "chat", "m", 5, "k", 2, "n", 2));
        Object pipeline = osgi.awaitService(PIPELINE, null, WAIT);
        Object store = osgi.awaitService("dev.hydra.api.spi.HistoryStore", "(hydra.plugin.name=lucene)", WAIT);
        HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"), pipeline);
        hydra.ingest(store, List.of(
                new String[] {"ana", "1", "Which tyres for gravel riding?", "Tubeless tyres, 40 mm"},
                new String[] {"ana", "2", "Best soup for winter evenings", "Lentil soup with cumin"},
                new String[] {"ana", "3", "How to fix a puncture on tubeless tyres", "Plug it, then add sealant"},
                new String[] {"ben", "1", "Which tyres for gravel riding?", "Whatever came with the bike"}));
        return hydra;
    }

    private boolean personalized(HydraCalls hydra) {
        HydraCalls.Answer a = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);
        log.accept("bm25 request: answer \"" + a.text() + "\", " + a.used() + " demonstrations, degradations "
                + a.degradations());
        return "Tubeless, always".equals(a.text()) && a.used() == 2 && a.degradations().isEmpty()
                && a.usedIds().stream().allMatch(id -> id.startsWith("ana/"));
    }

    private boolean pluginUsed(OsgiRuntime osgi, HydraCalls hydra) throws BundleException {
        Bundle plugin = osgi.install(set.examplePlugin());
        ServiceReference<?> ref = osgi.awaitReference(RETRIEVER, "(hydra.plugin.name=" + PLUGIN + ")", PLUGIN_WAIT);
        HydraCalls.Answer a = hydra.personalize("ana", "puncture tubeless tyres", PLUGIN);
        Bundle core = osgi.bundle("hydra-core");
        boolean usedByCore = ref.getUsingBundles() != null && Arrays.asList(ref.getUsingBundles()).contains(core);
        log.accept("installed " + plugin.getSymbolicName() + " (state " + plugin.getState() + "); " + PLUGIN
                + " request: " + a.used() + " demonstrations " + a.usedIds() + ", degradations " + a.degradations()
                + ", service used by hydra-core: " + usedByCore);
        return usedByCore && a.used() > 0 && a.degradations().isEmpty() && a.usedIds().get(0).equals("ana/3");
    }

    private boolean pluginRemoved(OsgiRuntime osgi, HydraCalls hydra) throws BundleException {
        osgi.bundle("hydra-example-plugin").uninstall();
        String failure;
        try {
            hydra.personalize("ana", "puncture tubeless tyres", PLUGIN);
            failure = null;
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        log.accept("after uninstall, " + PLUGIN + " request: " + failure);
        HydraCalls.Answer still = hydra.personalize("ana", "Which tyres should I buy for gravel?", "bm25");
        log.accept("after uninstall, bm25 request: answer \"" + still.text() + "\"");
        return failure != null && failure.startsWith("UnknownPluginException") && failure.contains("bm25")
                && !failure.substring(failure.indexOf("known:")).contains(PLUGIN) && still.used() == 2;
    }

    private boolean langchain4j(OsgiRuntime osgi) throws Exception {
        String answer = "answered by a LangChain4j ChatModel";
        Object backend = LibraryProbes.langchain4jBackend(osgi.bundle("hydra-langchain4j"), "langchain4j", answer);
        java.util.Dictionary<String, Object> props = new java.util.Hashtable<>(Map.of("hydra.plugin.name", "langchain4j"));
        osgi.framework().getBundleContext().registerService("dev.hydra.api.spi.LlmBackend", backend, props);
        osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend", "langchain4j",
                "task", "chat", "m", 5, "k", 2, "n", 2));
        HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"), reconfigured(osgi, "langchain4j"));
        HydraCalls.Answer a = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);
        log.accept("pipeline reconfigured to backend langchain4j (LangChain4jLlmBackend over a ChatModel): answer \""
                + a.text() + "\", " + a.used() + " demonstrations");
        return answer.equals(a.text()) && a.used() == 2 && a.degradations().isEmpty();
    }

    /** Waits until Configuration Admin's update has replaced the pipeline service with one on that backend. */
    private static Object reconfigured(OsgiRuntime osgi, String backend) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Object pipeline = osgi.awaitService(PIPELINE, null, WAIT);
            if (backend.equals(Reflect.call(Reflect.call(pipeline, "settings"), "backend"))) {
                return pipeline;
            }
            OsgiRuntime.sleep(20);
        }
        throw new IllegalStateException("the pipeline did not take backend " + backend + " in " + WAIT);
    }

    private boolean djl(OsgiRuntime osgi) throws Exception {
        long start = System.nanoTime();
        String result = LibraryProbes.djl(osgi.bundle("hydra-heads"));
        log.accept(String.format("DJL inside hydra-heads: %s (%.2f s)", result, (System.nanoTime() - start) / 1e9));
        return result.endsWith("sum=6.0");
    }

    private static boolean step(List<String> notes, String name, Step step) {
        try {
            boolean ok = step.run();
            if (!ok) {
                notes.add(name + ": the check did not hold (see the log)");
            }
            return ok;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            notes.add(name + ": " + e + (root == e ? "" : " <- " + root));
            return false;
        }
    }

    /**
     * Writes a report as {@code osgi-check.json} in a directory.
     *
     * @param report the report
     * @param dir the directory; created when missing
     * @return the file
     */
    public static Path write(OsgiCheckReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("osgi-check.json");
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(file.toFile(), report.toJson());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Step {
        boolean run() throws Exception;
    }
}

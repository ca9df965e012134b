package dev.hydra.it.osgi;

import dev.hydra.llamacpp.LocalModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The end-to-end OSGi check: start Felix with every bundle, configure a pipeline through Configuration Admin
 * (BM25 over a Lucene store, the testkit's scripted black box), personalize one request, install the example
 * plugin bundle and run a request that names it (and check that hydra-heads finds and runs its head architecture),
 * uninstall it, and check that requests naming it fail with the known names while the rest keep working (and
 * hydra-heads forgets the head). With natives, also: the MiniLM encoder component encodes inside the
 * framework, and a tiny model trained on the class path (in a child JVM, see {@link TinyModel}) is loaded by the
 * model component from its directory and reranks and chooses in a personalization.
 */
public final class OsgiCheck {

    static final String PIPELINE = "dev.hydra.core.osgi.PipelineService";
    static final String RETRIEVER = "dev.hydra.api.spi.RetrieverProvider";
    static final String PLUGIN = "keyword-overlap";
    static final String HEAD = "dev.hydra.api.spi.HeadArchitecture";
    static final String HEAD_PLUGIN = "bias-scale";
    static final String HEADS = "dev.hydra.heads.HeadArchitectures";
    static final String ENCODER = "dev.hydra.api.spi.TextEncoder";
    static final String ENCODER_NAME = "all-minilm-l6-v2-q";
    static final String ENCODER_COMPONENT = "dev.hydra.minilm.internal.MiniLmEncoderComponent";
    static final String MODEL_NAME = "hydra";
    static final String MODEL_COMPONENT = "dev.hydra.heads.internal.HydraModelComponent";
    private static final Duration TRAINING_WAIT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration PLUGIN_WAIT = Duration.ofSeconds(5);

    private final BundleSet set;
    private final Path work;
    private final Consumer<String> log;
    private final boolean natives;
    private final boolean localLlm;

    /**
     * Prepares a check.
     *
     * @param set the bundle jars
     * @param work a directory for the framework cache, the history index and the tiny model
     * @param log where progress lines go
     * @param natives whether to run native code inside the framework: DJL, the MiniLM encoder and the model
     *     component (with a tiny model trained in a child JVM); PyTorch's and the tokenizers' natives bind to the
     *     first class loader that loads them, so only one framework per JVM can do it
     * @param localLlm with natives, whether to also run SmolLM2 with llama.cpp through the LLM component when the
     *     model file is in {@code HYDRA_HOME/models} (a few seconds; nothing is downloaded)
     */
    public OsgiCheck(BundleSet set, Path work, Consumer<String> log, boolean natives, boolean localLlm) {
        this.set = set;
        this.work = work;
        this.log = log;
        this.natives = natives;
        this.localLlm = localLlm;
    }

    /**
     * Runs the check; never throws for a failed step, which becomes a note of the report.
     *
     * @return the report
     */
    public OsgiCheckReport run() {
        List<String> notes = new ArrayList<>();
        long t0 = System.nanoTime();
        Process training = natives ? startTraining(notes) : null;
        try (OsgiRuntime osgi = OsgiRuntime.start(set, work.resolve("felix-cache"))) {
            List<String> inactive = osgi.notActive();
            notes.addAll(inactive);
            log.accept(String.format(Locale.ROOT, "%d bundles installed and started in %.2f s, %d not active",
                    osgi.bundles().size(), (System.nanoTime() - t0) / 1e9, inactive.size()));
            HydraCalls hydra = configure(osgi);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format(Locale.ROOT, "framework up, pipeline service available in %.2f s", startSeconds));
            boolean personalized = step(notes, "personalize", () -> personalized(hydra));
            boolean pluginUsed = step(notes, "plugin use", () -> pluginUsed(osgi, hydra));
            boolean pluginRemoved = pluginUsed && step(notes, "plugin removal", () -> pluginRemoved(osgi, hydra));
            boolean langchain4j = step(notes, "langchain4j", () -> langchain4j(osgi));
            boolean openai = step(notes, "openai", () -> openai(osgi));
            Optional<Boolean> djl = probe(natives, notes, "djl", () -> djl(osgi));
            Optional<Boolean> encoder = probe(natives, notes, "encoder", () -> encoderActive(osgi));
            Optional<Boolean> modelLoaded = probe(natives, notes, "model", () -> modelLoaded(osgi, training));
            Optional<Boolean> modelUsed = probe(natives, notes, "model use",
                    () -> modelLoaded.get() && modelUsed(osgi));
            Path gguf = LocalModels.modelsDirectory(LocalModels.hydraHome()).resolve(LocalModels.SMOLLM2_FILE);
            Optional<Boolean> llamacpp = probe(natives && localLlm && Files.isRegularFile(gguf), notes, "llamacpp",
                    () -> llamacpp(osgi, gguf, modelUsed.orElse(false)));
            if (natives && localLlm && llamacpp.isEmpty()) {
                log.accept("llama.cpp not probed: no " + gguf + " (fetch it with `hydra model fetch`)");
            }
            return new OsgiCheckReport(osgi.bundles().size(), osgi.bundles().size() - inactive.size(), personalized,
                    pluginUsed, pluginRemoved, langchain4j, openai, djl, encoder, modelLoaded, modelUsed, llamacpp,
                    startSeconds, notes);
        } catch (RuntimeException e) {
            notes.add("framework: " + e);
            Optional<Boolean> failed = natives ? Optional.of(false) : Optional.empty();
            return new OsgiCheckReport(set.bundles().size(), 0, false, false, false, false, false, failed, failed,
                    failed, failed, Optional.empty(), (System.nanoTime() - t0) / 1e9, notes);
        } finally {
            if (training != null && training.isAlive()) {
                training.destroyForcibly();
            }
        }
    }

    private Process startTraining(List<String> notes) {
        try {
            return TinyModel.start(work.resolve("tiny-model"), work.resolve("tiny-scratch"));
        } catch (IOException e) {
            notes.add("model: cannot start the training JVM: " + e);
            return null;
        }
    }

    private static Optional<Boolean> probe(boolean run, List<String> notes, String name, Step step) {
        return run ? Optional.of(step(notes, name, step)) : Optional.empty();
    }

    private boolean encoderActive(OsgiRuntime osgi) {
        long start = System.nanoTime();
        Object encoder = osgi.awaitService(ENCODER, "(hydra.plugin.name=" + ENCODER_NAME + ")", WAIT);
        float[][] vectors = (float[][]) Reflect.call(encoder, "encode", List.of("Which tyres for gravel riding?",
                "Lentil soup with cumin"));
        double norm = 0;
        double dot = 0;
        for (int i = 0; i < vectors[0].length; i++) {
            norm += vectors[0][i] * vectors[0][i];
            dot += vectors[0][i] * vectors[1][i];
        }
        List<String> states = osgi.componentStates(ENCODER_COMPONENT);
        log.accept(String.format(Locale.ROOT,
                "encoder %s (component %s): %d texts -> %d dimensions, norm %.3f, cosine of "
                        + "unrelated texts %.3f, in %.2f s",
                Reflect.call(encoder, "id"), states, vectors.length,
                vectors[0].length, Math.sqrt(norm), dot, (System.nanoTime() - start) / 1e9));
        return states.equals(List.of("ACTIVE")) && vectors.length == 2 && vectors[0].length == 384
                && Math.abs(Math.sqrt(norm) - 1) < 1e-3 && dot < 0.9;
    }

    private boolean modelLoaded(OsgiRuntime osgi, Process training) throws Exception {
        if (training == null) {
            throw new IllegalStateException("the training JVM did not start");
        }
        long start = System.nanoTime();
        String trained = TinyModel.await(training, work.resolve("tiny-scratch"), TRAINING_WAIT);
        log.accept(String.format(Locale.ROOT, "child JVM: %s (waited %.2f s)", trained,
                (System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        osgi.configureFactory("dev.hydra.model", "tiny", Map.of("model.dir", work.resolve("tiny-model").toString(),
                "encoder.target", "(hydra.plugin.name=" + ENCODER_NAME + ")"));
        String filter = "(&(hydra.plugin.name=" + MODEL_NAME + ")(hydra.model.dir=*))";
        ServiceReference<?> reranker;
        try {
            reranker = osgi.awaitReference("dev.hydra.api.spi.Reranker", filter, WAIT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; the model component: "
                    + osgi.componentStates(MODEL_COMPONENT), e);
        }
        ServiceReference<?> adapter = osgi.awaitReference("dev.hydra.api.spi.Adapter", filter, WAIT);
        ServiceReference<?> heads = osgi.awaitReference("dev.hydra.api.spi.HeadStore", filter, WAIT);
        log.accept(String.format(Locale.ROOT,
                "model component %s: reranker, adapter and head store '%s' registered by %s "
                        + "(encoder %s) in %.2f s",
                osgi.componentStates(MODEL_COMPONENT),
                MODEL_NAME, reranker.getBundle().getSymbolicName(), reranker.getProperty("hydra.encoder.id"),
                (System.nanoTime() - start) / 1e9));
        return adapter.getBundle().equals(reranker.getBundle()) && heads.getProperty("hydra.model.dir") != null;
    }

    private boolean modelUsed(OsgiRuntime osgi) {
        osgi.configure("dev.hydra.testkit.scripted", Map.of("answers", new String[] {
                "Lentil soup with cumin", "Tubeless, always: 40 mm gravel tyres"}));
        osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend", "scripted",
                "task", "chat", "m", 5, "k", 2, "n", 2, "reranker", MODEL_NAME, "adapter", MODEL_NAME));
        HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"), reconfigured(osgi, "reranker", MODEL_NAME));
        HydraCalls.Answer a = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);
        log.accept("pipeline reconfigured to reranker and adapter '" + MODEL_NAME + "': demonstrations " + a.usedIds()
                + " with rerank scores " + a.rerankScores() + "; samples " + a.samples() + "; answer \"" + a.text()
                + "\"; degradations " + a.degradations());
        boolean reranked = a.used() > 0 && a.rerankScores().stream().noneMatch(d -> d.isNaN());
        double best = a.samples().stream().mapToDouble(HydraCalls.Sample::score).max().orElse(Double.NaN);
        boolean adapted = a.samples().size() == 2 && a.samples().stream().noneMatch(x -> Double.isNaN(x.score()))
                && a.samples().stream().filter(HydraCalls.Sample::chosen).allMatch(x -> x.score() == best
                        && x.text().equals(a.text()));
        return reranked && adapted && a.degradations().isEmpty();
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

    private boolean pluginUsed(OsgiRuntime osgi, HydraCalls hydra) throws Exception {
        Bundle plugin = osgi.install(set.examplePlugin());
        ServiceReference<?> ref = osgi.awaitReference(RETRIEVER, "(hydra.plugin.name=" + PLUGIN + ")", PLUGIN_WAIT);
        HydraCalls.Answer a = hydra.personalize("ana", "puncture tubeless tyres", PLUGIN);
        Bundle core = osgi.bundle("hydra-core");
        boolean usedByCore = ref.getUsingBundles() != null && Arrays.asList(ref.getUsingBundles()).contains(core);
        log.accept("installed " + plugin.getSymbolicName() + " (state " + plugin.getState() + "); " + PLUGIN
                + " request: " + a.used() + " demonstrations " + a.usedIds() + ", degradations " + a.degradations()
                + ", service used by hydra-core: " + usedByCore);
        boolean headUsed = headUsed(osgi);
        return usedByCore && headUsed && a.used() > 0 && a.degradations().isEmpty()
                && a.usedIds().get(0).equals("ana/3");
    }

    /** Whether hydra-heads found the plugin's head architecture and runs it: {@code 1.5 * sum(1,1,1,1)/2 + 0.5}. */
    private boolean headUsed(OsgiRuntime osgi) throws Exception {
        osgi.awaitReference(HEAD, "(hydra.plugin.name=" + HEAD_PLUGIN + ")", PLUGIN_WAIT);
        Class<?> heads = osgi.bundle("hydra-heads").loadClass(HEADS);
        Object head = Reflect.callStatic(heads, "get", HEAD_PLUGIN);
        double out = (double) Reflect.call(head, "forward", new float[] {1.5f, 0.5f}, new float[] {1, 1, 1, 1});
        log.accept("hydra-heads knows head kinds " + Reflect.callStatic(heads, "names") + "; " + HEAD_PLUGIN
                + " (" + head.getClass().getName() + ") forward = " + out);
        return Math.abs(out - 3.5) < 1e-6;
    }

    private boolean pluginRemoved(OsgiRuntime osgi, HydraCalls hydra) throws Exception {
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
        Object kinds = Reflect.callStatic(osgi.bundle("hydra-heads").loadClass(HEADS), "names");
        log.accept("after uninstall, hydra-heads knows head kinds " + kinds);
        return !((java.util.Set<?>) kinds).contains(HEAD_PLUGIN) && failure != null
                && failure.startsWith("UnknownPluginException") && failure.contains("bm25")
                && !failure.substring(failure.indexOf("known:")).contains(PLUGIN) && still.used() == 2;
    }

    private boolean langchain4j(OsgiRuntime osgi) throws Exception {
        String answer = "answered by a LangChain4j ChatModel";
        Object backend = LibraryProbes.langchain4jBackend(osgi.bundle("hydra-langchain4j"), "langchain4j", answer);
        java.util.Dictionary<String, Object> props = new java.util.Hashtable<>(
                Map.of("hydra.plugin.name", "langchain4j"));
        osgi.framework().getBundleContext().registerService("dev.hydra.api.spi.LlmBackend", backend, props);
        osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend", "langchain4j",
                "task", "chat", "m", 5, "k", 2, "n", 2));
        HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"), reconfigured(osgi, "backend", "langchain4j"));
        HydraCalls.Answer a = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);
        log.accept("pipeline reconfigured to backend langchain4j (LangChain4jLlmBackend over a ChatModel): answer \""
                + a.text() + "\", " + a.used() + " demonstrations");
        return answer.equals(a.text()) && a.used() == 2 && a.degradations().isEmpty();
    }

    private boolean openai(OsgiRuntime osgi) throws Exception {
        String answer = "Tubeless, says the OpenAI-compatible server";
        try (FakeOpenAiServer server = FakeOpenAiServer.start(answer)) {
            osgi.configureFactory("dev.hydra.llm", "fake-openai", Map.of("llm", "openai:" + server.baseUrl()
                    + "#fake-model"));
            Object backend = osgi.awaitService("dev.hydra.api.spi.LlmBackend", "(hydra.plugin.name=openai)", WAIT);
            osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend", "openai",
                    "task", "chat", "m", 5, "k", 2, "n", 2));
            HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"), reconfigured(osgi, "backend", "openai"));
            HydraCalls.Answer a = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);
            List<String> requests = server.requests();
            log.accept("pipeline reconfigured to backend openai (LLM component, llm=openai:" + server.baseUrl()
                    + "#fake-model, model " + Reflect.call(backend, "modelId") + "): answer \"" + a.text() + "\", "
                    + a.used() + " demonstrations, " + requests.size() + " HTTP requests to the server");
            return answer.equals(a.text()) && a.used() == 2 && a.degradations().isEmpty() && requests.size() == 2
                    && requests.get(0).contains("Tubeless tyres, 40 mm");
        }
    }

    private boolean llamacpp(OsgiRuntime osgi, Path gguf, boolean withModel) {
        long start = System.nanoTime();
        osgi.configureFactory("dev.hydra.llm", "local", Map.of("llm", "gguf:" + gguf));
        osgi.awaitService("dev.hydra.api.spi.LlmBackend", "(hydra.plugin.name=llamacpp)", Duration.ofSeconds(60));
        double loaded = (System.nanoTime() - start) / 1e9;
        Map<String, Object> pipeline = new java.util.HashMap<>(Map.of("retriever", "bm25", "store", "lucene",
                "backend", "llamacpp", "task", "chat", "m", 5, "k", 2, "n", 2, "maxTokens", 12));
        if (withModel) {
            pipeline.putAll(Map.of("reranker", MODEL_NAME, "adapter", MODEL_NAME));
        }
        osgi.configure("dev.hydra.pipeline", pipeline);
        HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"), reconfigured(osgi, "backend", "llamacpp"));
        start = System.nanoTime();
        HydraCalls.Answer a = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);
        log.accept(String.format(Locale.ROOT,
                "pipeline reconfigured to backend llamacpp (LLM component, llm=gguf:%s, loaded in "
                        + "%.2f s): answer \"%s\" in %.2f s, samples %s, degradations %s",
                gguf.getFileName(), loaded,
                a.text(), (System.nanoTime() - start) / 1e9, a.samples(), a.degradations()));
        return !a.text().isBlank() && a.samples().size() == 2 && a.degradations().isEmpty();
    }

    /** Waits until Configuration Admin's update has replaced the pipeline service with one of that setting. */
    static Object reconfigured(OsgiRuntime osgi, String setting, String value) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Object pipeline = osgi.awaitService(PIPELINE, null, WAIT);
            if (value.equals(Reflect.call(Reflect.call(pipeline, "settings"), setting))) {
                return pipeline;
            }
            OsgiRuntime.sleep(20);
        }
        throw new IllegalStateException("the pipeline did not take " + setting + " " + value + " in " + WAIT);
    }

    private boolean djl(OsgiRuntime osgi) throws Exception {
        long start = System.nanoTime();
        String result = LibraryProbes.djl(osgi.bundle("hydra-heads"));
        log.accept(String.format(Locale.ROOT, "DJL inside hydra-heads: %s (%.2f s)", result,
                (System.nanoTime() - start) / 1e9));
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

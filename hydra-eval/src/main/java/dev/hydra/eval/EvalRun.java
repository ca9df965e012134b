package dev.hydra.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.Query;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.app.ModelTraining;
import dev.hydra.app.Pipelines;
import dev.hydra.app.Workspace;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.anchor.AnchoredAdapter;
import dev.hydra.core.data.HistoryIngest;
import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampQuestion;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.metrics.Metrics;
import dev.hydra.core.pipeline.Degradation;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.heads.TrainingObjective;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the evaluation protocol of hydra-method.md for every task, user sample and method: training users train
 * the bases and their own heads, the test users' heads are fitted from their profiles only (their queries are
 * never ingested), then each method answers every test user's query. A finished method is kept under
 * {@code OUT/partial} and not run again; the LLM's answers are cached under {@code HYDRA_HOME/cache/llm}, so an
 * interrupted run continues where it stopped.
 */
public final class EvalRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EvalSettings settings;
    private final Path home;
    private final LlmBackend llm;
    private final PrintStream log;
    private final ProgressListener progress;
    private final List<MethodResult> results = new ArrayList<>();
    private final List<TrainingRecord> training = new ArrayList<>();
    private String encoder = "";

    /**
     * Creates a run.
     *
     * @param settings what to run
     * @param home the Hydra home (the LLM response cache lives there)
     * @param llm the black box, uncached (the run caches it); the caller closes it
     * @param log where progress lines go
     * @param progress hears the progress of training and of each method
     */
    public EvalRun(EvalSettings settings, Path home, LlmBackend llm, PrintStream log, ProgressListener progress) {
        this.settings = settings;
        this.home = home;
        this.llm = llm;
        this.log = log;
        this.progress = progress;
    }

    /**
     * Runs everything the settings name, resuming finished work.
     *
     * @return the report over all results
     * @throws IllegalArgumentException when a task folder is missing or holds no usable split; the message names it
     */
    public EvalReport run() {
        for (String taskDir : settings.tasks()) {
            Path dir = settings.data().resolve(taskDir);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no task folder " + dir + "; --tasks names folders under --data "
                        + settings.data() + " that hold train_questions.json and " + settings.split()
                        + "_questions.json");
            }
            for (int r = 0; r < settings.repeats(); r++) {
                runTask(dir, settings.seed() + r);
            }
        }
        return new EvalReport(settings, llm.name() + ":" + llm.modelId(), encoder, results, training);
    }

    private void runTask(Path dir, long seed) {
        LampDataset train = LampReader.readSplit(dir, "train");
        LampDataset test = LampReader.readSplit(dir, settings.split());
        TaskSpec task = Pipelines.task(train.task().taskName());
        WordLimit limit = new WordLimit(settings.maxWords(), task);
        List<LampQuestion> trainUsers = ModelTraining.sample(train, settings.trainUsers(), seed).stream()
                .map(limit::apply).toList();
        List<LampQuestion> testUsers = ModelTraining.sample(test, settings.testUsers(), seed).stream().map(limit::apply)
                .toList();
        for (LampQuestion q : testUsers) {
            if (q.gold().isEmpty()) {
                throw new IllegalArgumentException("question " + q.id() + " of " + dir + " has no gold output; the "
                        + settings.split() + " split needs its " + settings.split() + "_outputs.json");
            }
        }
        int maxTokens = maxTokens(task.outputKind());
        HydraConfig config = new HydraConfig(settings.trainM(), 4, 8, settings.temperature(), maxTokens, seed);
        log.printf(Locale.ROOT, "%s, seed %d: %d training users, %d test users%n", task.name(), seed, trainUsers.size(),
                testUsers.size());

        try (Workspace ws = Workspace.withBackend(home,
                settings.out().resolve("work").resolve(dir.getFileName().toString()), llm)) {
            encoder = ws.encoder().id();
            // the test users' profiles only: their queries stay unseen
            HistoryIngest.ingest(ws.store(), new LampDataset(test.task(), testUsers));
            HydraModel model = settings.needsModel() ? model(ws, task, config, train, trainUsers, testUsers) : null;
            String global = MajorityBaselines.mostFrequent(
                    train.questions().stream().flatMap(q -> q.gold().stream()).toList(), task);
            for (EvalMethod method : settings.methods()) {
                results.add(resumeOrRun(ws, task, method, seed, maxTokens, model, testUsers, global));
            }
        }
    }

    private HydraModel model(Workspace ws, TaskSpec task, HydraConfig config, LampDataset train,
            List<LampQuestion> trainUsers, List<LampQuestion> testUsers) {
        String name = String.format(Locale.ROOT, "%s-s%d-u%d-r%d-m%d-w%d-%s-t%s-v2%s%s", task.name(), config.seed(),
                trainUsers.size(), settings.pseudoQueries(), config.m(), settings.maxWords(),
                settings.rerankerLabels().name().toLowerCase(Locale.ROOT), settings.temperature(),
                settings.objective() == TrainingObjective.POINTWISE ? "" : "-listwise",
                settings.rerankerAnswers() ? "-answers" : "");
        long start = System.nanoTime();
        long calls = ws.backend().delegateCalls();
        ModelTraining glue = new ModelTraining(ws, task, config, progress)
                .withTrainer(
                        t -> t.pseudoQueriesPerUser(settings.pseudoQueries()).rerankerLabels(settings.rerankerLabels()))
                .withScorers(
                        f -> f.withObjective(settings.objective()).withRerankerAnswers(settings.rerankerAnswers()));
        HydraModel model = Files.exists(ws.modelDir(name).resolve("manifest.json"))
                ? glue.loadModel(name)
                : ws.remember(glue.train(trainUsers, new LampDataset(train.task(), trainUsers), name));
        long fitStart = ws.backend().delegateCalls();
        Map<String, Integer> fitted = glue.fit(model, testUsers.stream().map(LampQuestion::userId).toList());
        Map<String, Object> anchors = new java.util.LinkedHashMap<>(model.anchors().toMap());
        anchors.put("label_candidates", model.labelCandidates());
        @SuppressWarnings("unchecked")
        Map<String, Object> selection = model.manifest().get("selection") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        TrainingRecord fresh = new TrainingRecord(task.name(), config.seed(), trainUsers.size(), testUsers.size(),
                ((Number) model.manifest().get("reranker_pairs")).intValue(),
                ((Number) model.manifest().get("adapter_pairs")).intValue(),
                ws.backend().delegateCalls() - calls, (System.nanoTime() - start) / 1e9,
                ws.backend().delegateCalls() - fitStart, fitted.getOrDefault("reranker_heads", 0),
                fitted.getOrDefault("adapter_heads", 0), anchors, selection);
        training.add(keptCost(fresh, partialDir(task, config.seed()).resolve("training.json"), key(ws, testUsers)));
        return model;
    }

    /** A resumed run reports what training cost when it was done, not the cache hits of the resume. */
    private TrainingRecord keptCost(TrainingRecord fresh, Path file, String key) {
        try {
            if (fresh.llmCalls() == 0 && Files.exists(file)) {
                KeptTraining kept = JSON.readValue(file.toFile(), KeptTraining.class);
                if (kept.key().equals(key)) {
                    return kept.record().withChoicesOf(fresh);
                }
            }
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), new KeptTraining(key, fresh));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + "; delete it to record the cost anew", e);
        }
    }

    private Path partialDir(TaskSpec task, long seed) {
        return settings.out().resolve("partial").resolve(task.name()).resolve("s" + seed);
    }

    private MethodResult resumeOrRun(Workspace ws, TaskSpec task, EvalMethod method, long seed, int maxTokens,
            HydraModel model, List<LampQuestion> testUsers, String global) {
        Path partial = partialDir(task, seed).resolve(method.id() + ".json");
        String key = key(ws, testUsers);
        try {
            if (Files.exists(partial)) {
                PartialResult kept = JSON.readValue(partial.toFile(), PartialResult.class);
                if (kept.key().equals(key)) {
                    log.printf(Locale.ROOT, "  %-16s kept from %s%n", method.id(), partial);
                    return kept.result();
                }
            }
            MethodResult result = answer(ws, task, method, seed, maxTokens, model, testUsers, global);
            Files.createDirectories(partial.getParent());
            Path tmp = partial.resolveSibling(partial.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new PartialResult(key, result));
            Files.move(tmp, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.printf(Locale.ROOT, "  %-16s %s  (%d LLM calls, %.0f s)%n", method.id(),
                    EvalReport.format(result.metrics()),
                    result.llmCalls(), result.seconds());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the partial result " + partial
                    + "; delete it to run the method again", e);
        }
    }

    private String key(Workspace ws, List<LampQuestion> testUsers) {
        return String.join("|", llm.name() + ":" + llm.modelId(), ws.encoder().id(), "train=" + settings.trainUsers(),
                "test=" + testUsers.stream().map(LampQuestion::id).toList(), "r=" + settings.pseudoQueries(),
                "m=" + settings.m(), "trainM=" + settings.trainM(), "words=" + settings.maxWords(), "v2",
                "labels=" + settings.rerankerLabels(), "t=" + settings.temperature(), "pw=" + settings.promptWords())
                // the default choices add nothing, so that results measured before they existed are kept
                + (settings.objective() == TrainingObjective.POINTWISE ? "" : "|listwise")
                + (settings.rerankerAnswers() ? "|answers" : "");
    }

    private MethodResult answer(Workspace ws, TaskSpec task, EvalMethod method, long seed, int maxTokens,
            HydraModel model, List<LampQuestion> testUsers, String global) {
        long start = System.nanoTime();
        long calls = ws.backend().delegateCalls();
        Hydra pipeline = method.usesLlm() ? pipeline(ws, task, method, seed, maxTokens, model) : null;
        Retriever nearest = method == EvalMethod.PROFILE_MAJORITY ? ws.retriever(Pipelines.DEFAULT_RETRIEVER) : null;
        List<MethodResult.Prediction> predictions = new ArrayList<>();
        int cut = 0;
        for (LampQuestion q : testUsers) {
            Query query = new Query(q.userId(), q.input(), task.name());
            String answer;
            List<String> candidates = List.of();
            if (pipeline != null) {
                HydraResult r = pipeline.personalize(query);
                cut += r.degradations().stream()
                        .anyMatch(d -> d.kind() == Degradation.Kind.DEMONSTRATIONS_DROPPED) ? 1 : 0;
                answer = task.parse(r.answer()).orElse(r.answer());
                candidates = r.answers().stream().filter(a -> a.candidate().sampleIndex() < method.samples())
                        .map(a -> task.parse(a.candidate().text()).orElse(a.candidate().text())).toList();
            } else if (method == EvalMethod.GLOBAL_MAJORITY) {
                answer = global;
            } else {
                Query plain = new Query(q.userId(), BuiltInTasks.rawText(task, q.input()), task.name());
                answer = MajorityBaselines.profileAnswer(task, ws.store().list(q.userId()), plain, nearest);
            }
            predictions.add(new MethodResult.Prediction(q.id(), q.gold().orElseThrow(), answer, candidates));
            progress.update(task.name() + " " + method.id(), predictions.size(), testUsers.size());
        }
        Map<String, Double> metrics = Metrics.forKind(task.outputKind(),
                predictions.stream().map(MethodResult.Prediction::answer).toList(),
                predictions.stream().map(MethodResult.Prediction::gold).toList(), task.labels());
        long requests = method.usesLlm() ? testUsers.size() : 0;
        Map<String, Double> oracle = method.samples() > 1 ? Metrics.forKind(task.outputKind(),
                predictions.stream().map(p -> OraclePick.best(task, p.gold(), p.candidates())).toList(),
                predictions.stream().map(MethodResult.Prediction::gold).toList(), task.labels()) : Map.of();
        return new MethodResult(task.name(), method.id(), seed, testUsers.size(), metrics, requests,
                ws.backend().delegateCalls() - calls, requests * method.samples(), (System.nanoTime() - start) / 1e9,
                predictions, oracle, cut);
    }

    private Hydra pipeline(Workspace ws, TaskSpec task, EvalMethod method, long seed, int maxTokens, HydraModel model) {
        // samples are seeded by the repeat's seed: repeats differ in their users and in the black box's dice, and
        // repeat r of --seed S gives what --seed S+r alone gives
        HydraConfig config = HydraConfig.DEFAULTS.withMaxTokens(maxTokens).withSeed(seed)
                .withSampling(method.samples(), method.samples() == 1 ? 0.0 : settings.temperature());
        LlmBackend backend = method.droppedSamples() == 0 ? ws.llmBackend()
                : new SlowestSamplesDropped(ws.llmBackend(), method.samples(), method.droppedSamples(), seed);
        Hydra.Builder b = Hydra.builder().backend(backend).task(task).addTasks(BuiltInTasks.all());
        switch (method.retrieval()) {
            case NONE :
                config = config.withRetrieval(settings.m(), 0);
                break;
            case RANDOM :
                config = config.withRetrieval(method.k(), method.k());
                b.retriever(new RandomHistoryRetriever(ws.store(), seed));
                break;
            default :
                config = config.withRetrieval(settings.m(), method.k());
                b.retriever(ws.retriever(Pipelines.DEFAULT_RETRIEVER));
        }
        boolean unanchored = method == EvalMethod.HYDRA_UNANCHORED || method == EvalMethod.HYDRA_RERANKER_UNANCHORED;
        if (method.usesReranker()) {
            b.reranker(unanchored ? model.learnedReranker() : model.reranker());
        }
        if (method.usesAdapter()) {
            AnchorWeights w = model.anchors();
            switch (method) {
                case AGREEMENT :
                    b.adapter(new AnchoredAdapter(task, null, null, AnchorWeights.NONE));
                    break;
                case HYDRA_NO_HISTORY :
                    b.adapter(new AnchoredAdapter(task, model.learnedAdapter(), null, w));
                    break;
                case HYDRA_UNANCHORED :
                    b.adapter(model.learnedAdapter());
                    break;
                default :
                    b.adapter(model.adapter(ws.store())).labelCandidates(model.labelCandidates());
            }
        }
        return b.greedyInPool(method != EvalMethod.HYDRA_NO_GREEDY).promptWords(settings.promptWords()).config(config)
                .build();
    }

    /**
     * The answer length per kind: labels and ratings are short, titles need more.
     *
     * @param kind the task's kind
     * @return the token limit
     */
    static int maxTokens(OutputKind kind) {
        switch (kind) {
            case CLASSIFICATION :
                return 16;
            case RATING :
                return 8;
            default :
                return 32;
        }
    }

    /** A finished method's result with the settings it was computed under. */
    record PartialResult(String key, MethodResult result) {}

    /** What training and fitting cost when they were done, with the settings. */
    record KeptTraining(String key, TrainingRecord record) {}
}

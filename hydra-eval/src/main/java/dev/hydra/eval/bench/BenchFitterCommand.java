package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.fitting.BackgroundFitter;
import dev.hydra.core.fitting.FitOffer;
import dev.hydra.core.fitting.HourlyLlmBudget;
import dev.hydra.core.fitting.UserFitReport;
import dev.hydra.core.fitting.UserFitter;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.core.training.ApplicationTraining;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra bench fitter}: what the {@link BackgroundFitter} costs. Over a delegate with a fixed latency that
 * copies its first demonstration, it trains a model on {@code train-users} synthetic users ({@link ApplicationTraining},
 * the DJL heads over the model-free hashing encoder, HYDRA's M 10, k 4, N 8), then serves it and times
 * {@code requests} personalized requests, one caller, with the fitter idle; then offers the {@code new-users} users
 * (in the store, never fitted) to the fitter and times the requests served while it fits them. It writes
 * {@code DIR/bench-fitter.json}: the LLM calls per user fitted, the wall time per fit, and p50 and p99 of the
 * requests with the fitter idle and while it runs.
 *
 * <p>The trainer fits only the modules whose learned correction the model uses (held-out selection often keeps
 * them at weight 0 on synthetic data, and a fit then costs nothing), so by default the bench serves and fits with
 * both learned corrections at weight 1, as if selection had chosen them ({@code learned_forced_on} in the output);
 * {@code --as-trained} keeps the weights training chose.
 */
@Command(name = "fitter", mixinStandardHelpOptions = true,
        description = "Benchmark the background fitter: LLM calls per user fitted, and request latency while it "
                + "runs against idle; writes DIR/bench-fitter.json.")
public final class BenchFitterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench-fitter.json goes.")
    private Path out;

    @Option(names = "--train-users", description = "Users trained on (default: ${DEFAULT-VALUE}).")
    private int trainUsers = 6;

    @Option(names = "--new-users", description = "Users fitted in the background (default: ${DEFAULT-VALUE}).")
    private int newUsers = 6;

    @Option(names = "--items", description = "History items per user (default: ${DEFAULT-VALUE}).")
    private int items = 30;

    @Option(names = "--pseudo-queries", description = "Pseudo-queries per user, R (default: ${DEFAULT-VALUE}).")
    private int pseudoQueries = 2;

    @Option(names = "--latency-ms", description = "The delegate's latency per call (default: ${DEFAULT-VALUE}).")
    private long latencyMs = 20;

    @Option(names = "--requests", description = "Timed requests with the fitter idle (default: ${DEFAULT-VALUE}).")
    private int requests = 200;

    @Option(names = "--warmup", description = "Untimed requests first (default: ${DEFAULT-VALUE}).")
    private int warmup = 50;

    @Option(names = "--as-trained", description = "Keep the learned weights training chose (often 0: then a fit "
            + "costs nothing).")
    private boolean asTrained;

    @Option(names = "--seed", description = "Seed of the data (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getErr();
        if (trainUsers < 1 || newUsers < 1 || items < 4 || pseudoQueries < 1 || latencyMs < 0 || requests < 1
                || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bench fitter: --train-users, --new-users, "
                    + "--pseudo-queries and --requests must be >= 1, --items >= 4, --latency-ms and --warmup >= 0");
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("hydra-bench-fitter");
        Map<String, Object> result = new LinkedHashMap<>();
        HydraConfig config = new HydraConfig(10, 4, 8, 1.0, 16, seed);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("train_users", trainUsers);
        settings.put("new_users", newUsers);
        settings.put("items_per_user", items);
        settings.put("pseudo_queries_per_user", pseudoQueries);
        settings.put("m", config.m());
        settings.put("k", config.k());
        settings.put("n", config.n());
        settings.put("delegate_latency_ms", latencyMs);
        settings.put("requests", requests);
        settings.put("callers", 1);
        settings.put("encoder", FeatureHashingTextEncoder.NAME);
        settings.put("cpus", Runtime.getRuntime().availableProcessors());
        result.put("config", settings);
        SyntheticHistory data = new SyntheticHistory(seed);
        LatencyChatModel delegate = new LatencyChatModel(latencyMs);
        DjlScorerFactory scorers = new DjlScorerFactory(new FeatureHashingTextEncoder(),
                new FileHeadStore(work.resolve("model-heads")));
        try (LuceneHistoryStore store = LuceneHistoryStore.open(work.resolve("history"));
                LangChain4jLlmBackend backend = LangChain4jLlmBackend.builder().chatModel(delegate)
                        .modelId("latency-" + latencyMs).build()) {
            List<UserId> trained = new ArrayList<>();
            List<UserId> fresh = new ArrayList<>();
            for (int u = 0; u < trainUsers + newUsers; u++) {
                UserId id = SyntheticHistory.userId(u);
                store.addAll(data.items(id, u, items));
                (u < trainUsers ? trained : fresh).add(id);
            }
            Retriever retriever = new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store));
            log.println("bench fitter: training on " + trainUsers + " users ...");
            Path modelDir = work.resolve("model");
            ApplicationTrainingReport report = ApplicationTraining.builder().store(store).retriever(retriever)
                    .task(new ChatTask()).backend(backend).cache(new LlmResponseCache(work.resolve("cache")))
                    .scorers(scorers).budget(LlmBudget.ofCalls(1_000_000)).config(config)
                    .pseudoQueriesPerUser(pseudoQueries).users(trained).build().train(modelDir);
            log.println("bench fitter:   " + report.message());
            Map<String, Object> anchors = new LinkedHashMap<>();
            try (HydraModel chosen = HydraModel.load(modelDir, scorers)) {
                anchors.put("reranker_alpha", chosen.anchors().rerankerAlpha());
                anchors.put("adapter_beta", chosen.anchors().adapterBeta());
            }
            result.put("anchors_chosen_in_training", anchors);
            result.put("learned_forced_on", !asTrained);
            if (!asTrained) {
                forceLearnedOn(modelDir, config.m());
            }
            try (HydraModel model = HydraModel.load(modelDir, scorers);
                    HydraChatModel served = HydraChatModel.builder().delegate(delegate)
                            .hydra(Hydra.builder().retriever(retriever).reranker(model.reranker())
                                    .adapter(model.adapter(store)).task(new ChatTask()).config(model.config()))
                            .build()) {
                HourlyLlmBudget budget = HourlyLlmBudget.of(backend, LlmBudget.ofCalls(1_000_000), Clock.systemUTC());
                HydraTrainer trainer = HydraTrainer.builder().store(store).retriever(retriever).task(new ChatTask())
                        .backend(new CachingLlmBackend(budget, new LlmResponseCache(work.resolve("fit-cache"))))
                        .scorers(scorers).settingsOf(model).build();
                Random random = new Random(seed);
                List<UserId> everyone = new ArrayList<>(trained);
                everyone.addAll(fresh);
                for (int r = 0; r < warmup; r++) {
                    ask(served, everyone, data, random);
                }
                log.println("bench fitter: " + requests + " requests with the fitter idle ...");
                Latencies idle = new Latencies(requests);
                for (int r = 0; r < requests; r++) {
                    idle.add(ask(served, everyone, data, random));
                }
                log.println("bench fitter: fitting " + newUsers + " users in the background while serving ...");
                Latencies busy = new Latencies(100_000);
                Map<FitOffer, Integer> offers = new EnumMap<>(FitOffer.class);
                long start = System.nanoTime();
                List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                try (BackgroundFitter fitter = BackgroundFitter.builder().store(store).budget(budget).minItems(4)
                        .fitter(UserFitter.heads(trainer, model)).onFitted(r -> {
                            if (r.outcome() == UserFitReport.Outcome.FAILED) {
                                failures.add(r.message());
                            }
                        }).build()) {
                    for (UserId user : fresh) {
                        offers.merge(fitter.offer(user), 1, Integer::sum);
                    }
                    while (!fitter.awaitIdle(Duration.ZERO)) {
                        busy.add(ask(served, everyone, data, random));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    BackgroundFitter.Stats stats = fitter.stats();
                    long fitted = stats.usersFitted();
                    result.put("offers", offers);
                    result.put("fits", stats.fits());
                    result.put("fit_calls", stats.calls());
                    result.put("calls_per_user_fitted", fitted == 0 ? 0 : round((double) stats.calls() / fitted));
                    result.put("call_ceiling_per_fit", UserFitter.heads(trainer, model).callCeiling());
                    result.put("fit_seconds_per_user", fitted == 0 ? 0 : round(seconds / fitted));
                    result.put("failed_fits", failures);
                }
                result.put("requests_idle", latencies(idle, requests));
                result.put("requests_while_fitting", latencies(busy, busy.count()));
            }
        } finally {
            delete(work);
        }
        Path file = out.resolve("bench-fitter.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        spec.commandLine().getOut().println(Files.readString(file));
        return 0;
    }

    private static long ask(HydraChatModel served, List<UserId> users, SyntheticHistory data, Random random) {
        int user = random.nextInt(users.size());
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(data.query(user, random)))
                .parameters(HydraChatRequestParameters.builder().userId(users.get(user)).build()).build();
        long start = System.nanoTime();
        served.chat(request);
        return System.nanoTime() - start;
    }

    /** Serves and fits the model with both learned corrections at weight 1, as if selection had chosen them. */
    private static void forceLearnedOn(Path modelDir, int m) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path manifest = modelDir.resolve(HydraModel.MANIFEST);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = json.readValue(manifest.toFile(), Map.class);
        read.put("anchors", new AnchorWeights(1, m, 1, 0).toMap());
        json.writeValue(manifest.toFile(), read);
    }

    private static Map<String, Object> latencies(Latencies latencies, int count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50_ms", count == 0 ? 0 : round(latencies.percentileMs(50)));
        m.put("p99_ms", count == 0 ? 0 : round(latencies.percentileMs(99)));
        return m;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

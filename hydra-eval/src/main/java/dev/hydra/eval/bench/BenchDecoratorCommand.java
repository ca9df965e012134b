package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.encoder.CachingTextEncoder;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.Stage;
import dev.hydra.core.task.ChatTask;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.heads.HydraAdapter;
import dev.hydra.heads.HydraReranker;
import dev.hydra.heads.PairExample;
import dev.hydra.heads.PersonalizedScorer;
import dev.hydra.heads.ScorerConfig;
import dev.hydra.heads.TrainingOptions;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.hydra.minilm.MiniLmTextEncoder;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.Bm25RetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra bench decorator}: what {@link HydraChatModel} adds to a chat call. With a delegate that answers at
 * once, {@code users} users of {@code items} history items each in a Lucene store, and HYDRA's numbers (M 10, k 4,
 * N 8; the decorator calls the delegate N times only where an adapter chooses, so once per request in the keyword
 * pipelines: {@code delegate_calls}), it times personalized calls and writes {@code DIR/bench-decorator.json}: the
 * overhead (the decorator's wall time minus the span of the delegate's calls) at p50 and p99, the total, each stage,
 * and the decorator's own share (the overhead minus the retrieve, rerank and adapt stages: request conversion,
 * sample threads, response).
 *
 * <p>Pipelines: {@code keyword_bm25} (Lucene BM25 over the store's index, no heads), {@code keyword_bm25_okapi}
 * (rank_bm25's Okapi over the user's listed items, no heads) and, unless {@code --no-heads}, {@code heads} (Lucene
 * BM25, then the learned reranker and adapter over the default encoder all-MiniLM-L6-v2-q, with a trained base
 * and a head for every bench user, trained on synthetic preferences: the scores mean nothing, the work is real).
 * For {@code heads} the store keeps the encoder's vectors, computed at ingest (the ingest rate is reported), and
 * the reranker takes them from the store, as the CLI's pipelines do: per request the encoder encodes the query
 * and the N candidates ({@code encoded_texts_per_request}). The top-level figures are those of {@code heads} when
 * it runs, else of {@code keyword_bm25}. Under {@code heads.encoder_alone} it also times the encoder by itself on
 * what each heads request must encode (the query, then the 8 answers): the floor of that pipeline's overhead.
 *
 * <p>With {@code --delegate-latency MS} it adds {@code "realistic"} ({@link RealisticBench}): the heads pipeline in
 * front of a simulated OpenAI-compatible provider with that latency, end to end against the plain call for
 * N = 1, 4 and 8, the time left after the last sample, the time to first token when streamed, independent draws per
 * sample, and 20% of calls rate limited under a deadline.
 *
 * <p>Each pipeline is timed after untimed warmup requests, so that the figures are those of a running service.
 * The heads pipeline gets {@code --heads-warmup} (500) of them: the JIT compiles its code for the first few hundred
 * requests, and on 2 cores its compiler threads take the time of the encoder's second thread.
 */
@Command(name = "decorator", mixinStandardHelpOptions = true,
        description = "Benchmark the overhead of the LangChain4j decorator HydraChatModel over an instant model "
                + "and write DIR/bench-decorator.json.")
public final class BenchDecoratorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench-decorator.json goes.")
    private Path out;

    @Option(names = "--users", description = "Users (default: ${DEFAULT-VALUE}).")
    private int users = 10;

    @Option(names = "--items", description = "History items per user (default: ${DEFAULT-VALUE}).")
    private int items = 1000;

    @Option(names = "--requests", description = "Timed requests per pipeline (default: ${DEFAULT-VALUE}).")
    private int requests = 1000;

    @Option(names = "--warmup", description = "Untimed requests first (default: ${DEFAULT-VALUE}).")
    private int warmup = 200;

    @Option(names = "--heads-requests", description = "Timed requests of the heads pipeline, which encodes "
            + "the query and the N candidates per request (default: ${DEFAULT-VALUE}).")
    private int headsRequests = 1000;

    @Option(names = "--heads-warmup", description = "Untimed requests of the heads pipeline first, until the JIT "
            + "has compiled its code (default: ${DEFAULT-VALUE}).")
    private int headsWarmup = 500;

    @Option(names = "--no-heads", description = "Skip the pipeline with the encoder and heads.")
    private boolean noHeads;

    @Option(names = "--seed", description = "Seed of the data (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--delegate-latency", paramLabel = "MS", description = "Adds \"realistic\": the heads "
            + "pipeline in front of a simulated OpenAI-compatible provider answering in MS +- --delegate-jitter "
            + "ms per request (each sample within 5%% of it), streamed at --delegate-tokens-per-s; 0 for none "
            + "(default: ${DEFAULT-VALUE}).")
    private int delegateLatency;

    @Option(names = "--delegate-jitter", paramLabel = "MS", description = "Half-width of the spread of the "
            + "delegate's latency (default: ${DEFAULT-VALUE}).")
    private int delegateJitter = 100;

    @Option(names = "--delegate-tokens-per-s", description = "The delegate's streaming rate (default: "
            + "${DEFAULT-VALUE}).")
    private int delegateTokensPerSecond = 50;

    @Option(names = "--realistic-requests", description = "Timed requests per realistic setting; they run one after "
            + "the other at the delegate's pace (default: ${DEFAULT-VALUE}).")
    private int realisticRequests = 100;

    @Option(names = "--realistic-warmup", description = "Untimed requests first, per realistic setting (default: "
            + "${DEFAULT-VALUE}).")
    private int realisticWarmup = 5;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getErr();
        checkCounts();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("hydra-bench-decorator");
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("users", users);
        config.put("items_per_user", items);
        config.put("m", 10);
        config.put("k", 4);
        config.put("n", 8);
        config.put("requests", requests);
        config.put("warmup", warmup);
        config.put("heads_requests", noHeads ? 0 : headsRequests);
        config.put("heads_warmup", noHeads ? 0 : headsWarmup);
        config.put("store", "lucene");
        config.put("cpus", Runtime.getRuntime().availableProcessors());
        result.put("config", config);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("overhead_p50", 20);
        targets.put("overhead_p99", 60);
        result.put("targets_ms", targets);
        SyntheticHistory data = new SyntheticHistory(seed);
        List<UserId> ids = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            ids.add(UserId.of("u" + u)); // the ids SyntheticPreferences gives the heads
        }
        // the heads pipeline's encoder; the store keeps its vectors, computed at ingest
        TextEncoder raw = noHeads ? null : new MiniLmTextEncoder();
        try (LuceneHistoryStore store = LuceneHistoryStore.open(work.resolve("history"), Optional.ofNullable(raw))) {
            log.println("bench decorator: " + users + " users x " + items + " items into a Lucene store"
                    + (raw == null ? "" : " with the vectors of " + raw.id()) + " ...");
            long ingestStart = System.nanoTime();
            for (int u = 0; u < users; u++) {
                store.addAll(data.items(ids.get(u), u, items));
            }
            double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
            result.put("ingest_items_per_s", round(users * items / ingestSeconds));
            log.println("bench decorator:   ingest " + result.get("ingest_items_per_s") + " items/s");
            Retriever okapi = new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store));
            Retriever lucene = new Bm25RetrieverProvider().create(RetrieverContext.of(store));
            log.println("bench decorator: keyword pipeline, bm25 (Lucene), no heads ...");
            Map<String, Object> keyword = measure(Hydra.builder().retriever(lucene), ids, data, requests, warmup, log);
            result.put("keyword_bm25", keyword);
            log.println("bench decorator: keyword pipeline, bm25-okapi (rank_bm25 over list(user)), no heads ...");
            result.put("keyword_bm25_okapi",
                    measure(Hydra.builder().retriever(okapi), ids, data, requests, warmup, log));
            Map<String, Object> top = keyword;
            if (!noHeads) {
                // as the workspace configures it: recent texts are encoded once, items' vectors come from the store
                CachingTextEncoder encoder = new CachingTextEncoder(raw, 20_000);
                log.println("bench decorator: training a base and " + users + " heads per module ...");
                PersonalizedScorer rerankerScorer = scorer(work, HeadStore.RERANKER, HydraReranker.EXTRA_FEATURES,
                        encoder.dimension());
                PersonalizedScorer adapterScorer = scorer(work, HeadStore.ADAPTER, 0, encoder.dimension());
                Hydra.Builder pipeline = Hydra.builder().retriever(lucene)
                        .reranker(new HydraReranker(rerankerScorer, encoder).withStoredVectors(store))
                        .adapter(new HydraAdapter(adapterScorer, encoder));
                log.println("bench decorator: heads pipeline (bm25, reranker with stored vectors and adapter, "
                        + encoder.id() + ") ...");
                long encodedBefore = encoder.misses();
                top = measure(pipeline, ids, data, headsRequests, headsWarmup, log);
                top.put("encoder", encoder.id());
                top.put("encoded_texts_per_request",
                        round((double) (encoder.misses() - encodedBefore) / (headsRequests + headsWarmup)));
                top.put("encoder_alone", encoderAlone(raw, ids, data, headsRequests, log));
                result.put("heads", top);
                if (delegateLatency > 0) {
                    // a fresh encoder cache per setting: no setting finds another's texts encoded; the encoder
                    // timed, to tell the last answer's encoding from the rest of the time after the last sample
                    TimedEncoder timed = new TimedEncoder(raw);
                    Supplier<Hydra.Builder> fresh = () -> {
                        CachingTextEncoder cache = new CachingTextEncoder(timed, 20_000);
                        return Hydra.builder().retriever(lucene).task(new ChatTask())
                                .reranker(new HydraReranker(rerankerScorer, cache).withStoredVectors(store))
                                .adapter(new HydraAdapter(adapterScorer, cache));
                    };
                    result.put("realistic", new RealisticBench(delegateProfile(), fresh, timed, ids, data, seed,
                            realisticRequests, realisticWarmup, log).run());
                }
            }
            result.put("pipeline", noHeads ? "keyword_bm25" : "heads");
            result.put("overhead_p50_ms", top.get("overhead_p50_ms"));
            result.put("overhead_p99_ms", top.get("overhead_p99_ms"));
        } finally {
            delete(work);
        }
        Path file = out.resolve("bench-decorator.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        spec.commandLine().getOut().println(Files.readString(file));
        return 0;
    }

    /** The provider of the realistic figures, from the options. */
    private DelegateProfile delegateProfile() {
        int tokens = Math.max(1, (int) Math.round(delegateLatency * delegateTokensPerSecond / 1000.0));
        return new DelegateProfile(Duration.ofMillis(delegateLatency), Duration.ofMillis(delegateJitter), 0.05, false,
                tokens, 0, 1, 0, seed);
    }

    /** Refuses counts the bench cannot run with, naming the option. */
    private void checkCounts() {
        String realistic = delegateLatency < 0 ? "--delegate-latency " + delegateLatency
                : delegateJitter < 0 || delegateJitter > delegateLatency && delegateLatency > 0
                        ? "--delegate-jitter " + delegateJitter
                : delegateTokensPerSecond < 1 ? "--delegate-tokens-per-s " + delegateTokensPerSecond
                : realisticRequests < 1 ? "--realistic-requests " + realisticRequests
                : realisticWarmup < 0 ? "--realistic-warmup " + realisticWarmup
                : delegateLatency > 0 && noHeads ? "--no-heads with --delegate-latency" : null;
        if (realistic != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bench decorator: " + realistic
                    + " is out of range; --delegate-latency >= 0, 0 <= --delegate-jitter <= --delegate-latency, "
                    + "--delegate-tokens-per-s and --realistic-requests >= 1, --realistic-warmup >= 0; the realistic "
                    + "figures need the heads pipeline (drop --no-heads)");
        }
        String bad = users < 1 ? "--users " + users : items < 1 ? "--items " + items
                : requests < 1 ? "--requests " + requests : warmup < 0 ? "--warmup " + warmup
                : headsRequests < 1 ? "--heads-requests " + headsRequests
                : headsWarmup < 0 ? "--heads-warmup " + headsWarmup : null;
        if (bad != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bench decorator: " + bad + " is out of "
                    + "range; --users, --items, --requests and --heads-requests must be >= 1, the warmups >= 0");
        }
    }

    /** A base and one head per bench user, trained on synthetic preferences at the encoder's dimension. */
    private PersonalizedScorer scorer(Path work, String module, int extras, int dim) {
        SyntheticPreferences prefs = SyntheticPreferences.of(dim, extras, seed);
        List<PairExample> pairs = new ArrayList<>();
        prefs.users(users, "u", 6, 1, 8).forEach(u -> pairs.addAll(u.train()));
        PersonalizedScorer scorer = PersonalizedScorer.create(ScorerConfig.defaults(dim, extras),
                new FileHeadStore(work.resolve("heads")), module, seed);
        scorer.train(pairs, TrainingOptions.training(seed).withEpochs(2));
        return scorer;
    }

    private Map<String, Object> measure(Hydra.Builder pipeline, List<UserId> ids, SyntheticHistory data,
            int requests, int warmup, PrintWriter log) {
        InstantChatModel delegate = new InstantChatModel();
        Random random = new Random(seed);
        Latencies overhead = new Latencies(requests);
        Latencies total = new Latencies(requests);
        Latencies delegateSpan = new Latencies(requests);
        Latencies own = new Latencies(requests);
        long usedItems = 0;
        Map<Stage, Latencies> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s, new Latencies(requests));
        }
        try (HydraChatModel model = HydraChatModel.builder().delegate(delegate)
                .hydra(pipeline.task(new ChatTask()).config(HydraConfig.DEFAULTS)).build()) {
            for (int r = -warmup; r < requests; r++) {
                int user = random.nextInt(ids.size());
                ChatRequest request = ChatRequest.builder().messages(UserMessage.from(data.query(user, random)))
                        .parameters(HydraChatRequestParameters.builder().userId(ids.get(user)).build()).build();
                delegate.reset();
                long start = System.nanoTime();
                ChatResponse response = model.chat(request);
                long elapsed = System.nanoTime() - start;
                HydraChatResponseMetadata meta = (HydraChatResponseMetadata) response.metadata();
                if (meta.result().orElseThrow().degraded() || meta.answers().size() != model.hydra().config().n()) {
                    throw new IllegalStateException("the bench must run the whole pipeline, but: used "
                            + meta.usedItems().size() + " items, " + meta.answers().size() + " answers, "
                            + meta.degradations());
                }
                if (r >= 0) {
                    long span = delegate.spanNanos();
                    long overheadNanos = elapsed - span;
                    long ownNanos = overheadNanos;
                    total.add(elapsed);
                    delegateSpan.add(span);
                    overhead.add(overheadNanos);
                    usedItems += meta.usedItems().size();
                    for (Stage s : Stage.values()) {
                        long stage = meta.timings().getOrDefault(s, java.time.Duration.ZERO).toNanos();
                        stages.get(s).add(stage);
                        ownNanos -= s == Stage.GENERATE ? 0 : stage;
                    }
                    own.add(ownNanos);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overhead_p50_ms", round(overhead.percentileMs(50)));
        m.put("overhead_p99_ms", round(overhead.percentileMs(99)));
        m.put("total_p50_ms", round(total.percentileMs(50)));
        m.put("total_p99_ms", round(total.percentileMs(99)));
        m.put("delegate_span_p50_ms", round(delegateSpan.percentileMs(50)));
        m.put("decorator_own_p50_ms", round(own.percentileMs(50)));
        m.put("decorator_own_p99_ms", round(own.percentileMs(99)));
        m.put("requests", requests);
        m.put("used_items_mean", round((double) usedItems / requests));
        Map<String, Object> stageP50 = new LinkedHashMap<>();
        stages.forEach((s, v) -> stageP50.put(s.name().toLowerCase(Locale.ROOT), round(v.percentileMs(50))));
        m.put("stage_p50_ms", stageP50);
        m.put("delegate_calls", delegate.calls());
        log.println("bench decorator:   overhead p50 " + m.get("overhead_p50_ms") + " ms, p99 "
                + m.get("overhead_p99_ms") + " ms");
        return m;
    }

    /**
     * The floor under the heads pipeline: the same encoder, alone, on what each request must encode (the query,
     * then 8 answers of the delegate's form), with nothing else running.
     */
    private Map<String, Object> encoderAlone(TextEncoder encoder, List<UserId> ids, SyntheticHistory data,
            int requests, PrintWriter log) {
        Random random = new Random(seed + 1);
        Latencies query = new Latencies(requests);
        Latencies candidates = new Latencies(requests);
        Latencies both = new Latencies(requests);
        int answer = 0;
        for (int r = -10; r < requests; r++) {
            String text = data.query(random.nextInt(ids.size()), random);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add("short answer number " + answer++ + " for the bench");
            }
            long start = System.nanoTime();
            encoder.encode(List.of(text));
            long middle = System.nanoTime();
            encoder.encode(answers);
            long end = System.nanoTime();
            if (r >= 0) {
                query.add(middle - start);
                candidates.add(end - middle);
                both.add(end - start);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query_p50_ms", round(query.percentileMs(50)));
        m.put("candidates_p50_ms", round(candidates.percentileMs(50)));
        m.put("total_p50_ms", round(both.percentileMs(50)));
        log.println("bench decorator:   the encoder alone, query + 8 answers: p50 " + m.get("total_p50_ms") + " ms");
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

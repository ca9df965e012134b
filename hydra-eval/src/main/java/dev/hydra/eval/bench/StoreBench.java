package dev.hydra.eval.bench;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.heads.HydraReranker;
import dev.hydra.heads.ScorerConfig;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The measurements of {@code hydra bench stores} on one {@link StoreBackend}, with the same data, queries and
 * seeds for every backend: ingest with the real encoder on a sample, the bulk population with stand-in vectors,
 * retrieval, head loads and the decorator's overhead. Each method returns its figures, keyed as in
 * bench-stores.json.
 */
final class StoreBench {

    private static final int CHUNK = 5_000;

    private final StoreBench.Settings settings;
    private final SyntheticHistory data;
    private final TextEncoder encoder;
    private final PrintWriter log;

    /** What the run measures, the same for every backend. */
    record Settings(int users, int items, int ingestSampleUsers, int queries, int warmup, int headLoads,
            int requests, long seed) {}

    StoreBench(Settings settings, SyntheticHistory data, TextEncoder encoder, PrintWriter log) {
        this.settings = settings;
        this.data = data;
        this.encoder = encoder;
        this.log = log;
    }

    /**
     * Everything but the encoded ingest ({@link #ingest}), on one backend; the backend stays open for the caller to
     * close.
     */
    Map<String, Object> run(StoreBackend backend) {
        Map<String, Object> out = new LinkedHashMap<>();
        TextEncoder standIn = new StandInEncoder(encoder);
        HistoryStore store = backend.openHistory("corpus", standIn);
        try {
            out.put("populate_items_per_s_stand_in", populate(backend, store));
            store = backend.reopen(store, "corpus", standIn);
            List<Retriever> retrievers = List.of(
                    new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store)),
                    backend.dense(store, encoder));
            Map<String, Object> p50 = new LinkedHashMap<>();
            Map<String, Object> p99 = new LinkedHashMap<>();
            for (Retriever retriever : retrievers) {
                Latencies latencies = retrieve(backend, retriever);
                p50.put(retriever.name(), round3(latencies.percentileMs(50)));
                p99.put(retriever.name(), round3(latencies.percentileMs(99)));
            }
            out.put("retrieve_p50_ms", p50);
            out.put("retrieve_p99_ms", p99);
            heads(backend, out);
            Latencies overhead = decorator(backend, store);
            out.put("decorator_overhead_p50_ms", round3(overhead.percentileMs(50)));
            out.put("decorator_overhead_p99_ms", round3(overhead.percentileMs(99)));
        } finally {
            store.close();
        }
        return out;
    }

    /**
     * Items per second into an empty history of each backend with the real encoder, one user's items per call,
     * the backends taking turns user by user (the first one alternating), so that a change of the machine's load
     * weighs on both alike.
     *
     * @return each backend's rate, by name
     */
    Map<String, Double> ingest(List<StoreBackend> backends) {
        // the same items for every backend: users past the corpus's
        List<HistoryStore> stores = new ArrayList<>();
        long[] nanos = new long[backends.size()];
        try {
            for (StoreBackend backend : backends) {
                HistoryStore store = backend.openHistory("sample", encoder);
                stores.add(store);
                store.addAll(data.items(settings.users() + settings.ingestSampleUsers(), 8)); // loads the model
            }
            for (int u = 0; u < settings.ingestSampleUsers(); u++) {
                List<HistoryItem> items = data.items(settings.users() + u, settings.items());
                for (int turn = 0; turn < stores.size(); turn++) {
                    int b = (u + turn) % stores.size();
                    long start = System.nanoTime();
                    stores.get(b).addAll(items);
                    nanos[b] += System.nanoTime() - start;
                }
            }
        } finally {
            stores.forEach(HistoryStore::close);
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int b = 0; b < backends.size(); b++) {
            double rate = settings.ingestSampleUsers() * (double) settings.items() / (nanos[b] / 1e9);
            log.printf(Locale.ROOT, "bench stores: %s: ingest with %s: %,.0f items/s (%d users x %d items)%n",
                    backends.get(b).name(), encoder.id(), rate, settings.ingestSampleUsers(), settings.items());
            rates.put(backends.get(b).name(), round1(rate));
        }
        log.flush();
        return rates;
    }

    /** Fills the corpus with every user's items and stand-in vectors; returns items per second. */
    private double populate(StoreBackend backend, HistoryStore store) {
        long start = System.nanoTime();
        List<HistoryItem> chunk = new ArrayList<>(CHUNK + settings.items());
        for (int u = 0; u < settings.users(); u++) {
            chunk.addAll(data.items(u, settings.items()));
            if (chunk.size() >= CHUNK || u == settings.users() - 1) {
                store.addAll(chunk);
                chunk.clear();
            }
            if ((u + 1) % 1000 == 0) {
                log.printf(Locale.ROOT, "bench stores: %s: %,d users stored%n", backend.name(), u + 1);
                log.flush();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = (double) settings.users() * settings.items() / seconds;
        log.printf(Locale.ROOT, "bench stores: %s: %,d x %,d items with stand-in vectors in %.1f s = %,.0f items/s%n",
                backend.name(), settings.users(), settings.items(), seconds, rate);
        log.flush();
        return round1(rate);
    }

    /** Queries of random users, the query's encoding included for dense. */
    private Latencies retrieve(StoreBackend backend, Retriever retriever) {
        Random random = new Random(settings.seed() + 7);
        Latencies latencies = new Latencies(settings.queries());
        long found = 0;
        for (int q = -settings.warmup(); q < settings.queries(); q++) {
            int user = random.nextInt(settings.users());
            Query query = new Query(SyntheticHistory.userId(user), data.query(user, random), "bench");
            long start = System.nanoTime();
            int n = retriever.retrieve(query, 10).size();
            long elapsed = System.nanoTime() - start;
            if (q >= 0) {
                latencies.add(elapsed);
                found += n;
            }
        }
        if (found == 0) {
            throw new IllegalStateException(retriever.name() + " over " + backend.name() + " found nothing");
        }
        log.printf(Locale.ROOT, "bench stores: %s: retrieve %-10s p50 %7.3f ms  p99 %7.3f ms%n", backend.name(),
                retriever.name(), latencies.percentileMs(50), latencies.percentileMs(99));
        log.flush();
        return latencies;
    }

    /** Saves a head per user, then loads distinct random users' heads cold (a new store) and again warm. */
    private void heads(StoreBackend backend, Map<String, Object> out) {
        HeadStore writer = backend.newHeadStore();
        Random random = new Random(settings.seed() + 11);
        // a head of the default kind and shape at the encoder's dimension, as the reranker keeps it
        ScorerConfig config = ScorerConfig.defaults(encoder.dimension(), HydraReranker.EXTRA_FEATURES);
        int size = config.headParameterCount();
        for (int u = 0; u < settings.users(); u++) {
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) random.nextGaussian() * 0.05f;
            }
            writer.save(SyntheticHistory.userId(u), HeadStore.RERANKER, new HeadParameters(config.headLabel(), values));
        }
        List<Integer> order = new ArrayList<>();
        for (int u = 0; u < settings.users(); u++) {
            order.add(u);
        }
        Collections.shuffle(order, new Random(settings.seed() + 13));
        List<UserId> users = order.subList(0, Math.min(settings.headLoads(), order.size())).stream()
                .map(SyntheticHistory::userId).toList();
        HeadStore reader = backend.newHeadStore();
        Latencies cold = loads(reader, users);
        Latencies warm = loads(reader, users);
        Latencies warmAgain = loads(reader, users);
        out.put("head_load_p50_ms", coldWarm(cold.percentileMs(50),
                Math.min(warm.percentileMs(50), warmAgain.percentileMs(50))));
        out.put("head_load_p99_ms", coldWarm(cold.percentileMs(99),
                Math.min(warm.percentileMs(99), warmAgain.percentileMs(99))));
        out.put("head_kind", config.headLabel());
        out.put("head_floats", size);
        log.printf(Locale.ROOT, "bench stores: %s: head load cold p50 %.3f ms p99 %.3f ms, warm p50 %.4f ms%n",
                backend.name(), cold.percentileMs(50), cold.percentileMs(99), warm.percentileMs(50));
        log.flush();
    }

    private static Map<String, Object> coldWarm(double cold, double warm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cold", round3(cold));
        m.put("warm", Math.round(warm * 10_000) / 10_000.0);
        return m;
    }

    private static Latencies loads(HeadStore store, List<UserId> users) {
        Latencies latencies = new Latencies(users.size());
        for (UserId user : users) {
            long start = System.nanoTime();
            boolean found = store.load(user, HeadStore.RERANKER).isPresent();
            latencies.add(System.nanoTime() - start);
            if (!found) {
                throw new IllegalStateException("no head of " + user + " in " + store.name());
            }
        }
        return latencies;
    }

    /** The decorator over an instant delegate with bm25-okapi over the backend's history: wall time minus delegate. */
    private Latencies decorator(StoreBackend backend, HistoryStore store) {
        InstantChatModel delegate = new InstantChatModel();
        Random random = new Random(settings.seed());
        Latencies overhead = new Latencies(settings.requests());
        Hydra.Builder pipeline = Hydra.builder()
                .retriever(new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store)))
                .task(new ChatTask()).config(HydraConfig.DEFAULTS);
        try (HydraChatModel model = HydraChatModel.builder().delegate(delegate).hydra(pipeline).build()) {
            for (int r = -settings.warmup(); r < settings.requests(); r++) {
                int user = random.nextInt(settings.users());
                ChatRequest request = ChatRequest.builder().messages(UserMessage.from(data.query(user, random)))
                        .parameters(HydraChatRequestParameters.builder().userId(SyntheticHistory.userId(user))
                                .build())
                        .build();
                delegate.reset();
                long start = System.nanoTime();
                ChatResponse response = model.chat(request);
                long elapsed = System.nanoTime() - start;
                HydraChatResponseMetadata meta = (HydraChatResponseMetadata) response.metadata();
                if (meta.result().orElseThrow().degraded() || meta.usedItems().isEmpty()) {
                    throw new IllegalStateException("the bench must run the whole pipeline over " + backend.name()
                            + ", but: used " + meta.usedItems().size() + " items, " + meta.degradations());
                }
                if (r >= 0) {
                    overhead.add(elapsed - delegate.spanNanos());
                }
            }
        }
        log.printf(Locale.ROOT, "bench stores: %s: decorator overhead p50 %.3f ms p99 %.3f ms%n", backend.name(),
                overhead.percentileMs(50), overhead.percentileMs(99));
        log.flush();
        return overhead;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.app.FileTrees;
import dev.hydra.minilm.MiniLmTextEncoder;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.Bm25RetrieverProvider;
import dev.hydra.retrievers.DenseRetrieverProvider;
import dev.hydra.retrievers.HybridRetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.hydra.retrievers.RecencyRetrieverProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra bench retrieval}: builds a seeded synthetic history store and measures ingest throughput, index
 * size and the latency of every retriever; writes {@code DIR/bench-retrieval.json}.
 *
 * <p>Three stores are built in {@code DIR}: without vectors (all items: ingest rate without encoder), with the
 * default encoder (the first {@code --encoder-items} items: ingest rate with encoder), and with vectors of a
 * fast stand-in encoder (all items: the index that every retriever is timed on; dense and hybrid queries are
 * encoded by the real encoder, and that time is included).
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = "Benchmarks ingest and retrieval on a synthetic store; writes DIR/bench-retrieval.json.")
public final class RetrievalBenchCommand implements Callable<Integer> {

    private static final int CHUNK = 20_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", defaultValue = "1000", description = "Users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items-per-user", defaultValue = "100",
            description = "Items per user (default: ${DEFAULT-VALUE}).")
    int itemsPerUser;

    @Option(names = "--out", required = true, description = "Output directory (the indexes are built here too).")
    Path out;

    @Option(names = "--queries", defaultValue = "1000",
            description = "Timed queries per retriever (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--warmup", defaultValue = "200",
            description = "Untimed queries per retriever first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--encoder-items", defaultValue = "5000",
            description = "Items ingested with the real encoder to measure its ingest rate (default: ${DEFAULT-VALUE}; "
                    + "capped at the item count).")
    int encoderItems;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of data and queries (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep-indexes", description = "Keep the indexes in DIR after the run.")
    boolean keepIndexes;

    /** Creates the command (picocli instantiates it). */
    public RetrievalBenchCommand() {}

    @Override
    public Integer call() throws IOException {
        if (users < 1 || itemsPerUser < 1 || queries < 1 || warmup < 0 || encoderItems < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--users, --items-per-user, --queries and --encoder-items must be >= 1, --warmup >= 0");
        }
        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out);
        SyntheticHistory data = new SyntheticHistory(seed);
        long items = (long) users * itemsPerUser;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("items", items);
        report.put("users", users);
        report.put("items_per_user", itemsPerUser);
        report.put("seed", seed);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("load_average_at_start", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.put("java", System.getProperty("java.version"));

        console.printf(Locale.ROOT, "bench retrieval: %,d users x %,d items = %,d items, seed %d%n", users,
                itemsPerUser, items, seed);
        Path plain = fresh("index-no-vectors");
        try (LuceneHistoryStore store = LuceneHistoryStore.open(plain)) {
            double rate = ingest(store, data, users, console, "no encoder");
            report.put("ingest_items_per_s_no_encoder", round(rate));
            report.put("index_bytes_no_vectors", store.sizeInBytes());
        }
        FileTrees.delete(plain);

        TextEncoder encoder = new MiniLmTextEncoder();
        int encoderUsers = (int) Math.max(1, Math.min(users, (encoderItems + itemsPerUser - 1) / itemsPerUser));
        report.put("encoder", encoder.id());
        List<HistoryItem> sample = data.items(0, Math.min(itemsPerUser, 64));
        report.put("encoder_alone_texts_per_s",
                round(encoderAlone(encoder, sample.stream().map(HistoryItem::input).toList(), "inputs", console)));
        report.put("encoder_alone_short_texts_per_s",
                round(encoderAlone(encoder, sample.stream().map(HistoryItem::output).toList(), "outputs", console)));
        Path withEncoder = fresh("index-encoder");
        try (LuceneHistoryStore store = LuceneHistoryStore.open(withEncoder, Optional.of(encoder))) {
            double rate = ingest(store, data, encoderUsers, console, "encoder " + encoder.id());
            report.put("ingest_items_per_s", round(rate));
            report.put("ingest_items_measured_with_encoder", (long) encoderUsers * itemsPerUser);
        }
        FileTrees.delete(withEncoder);

        Path full = fresh("index");
        try (LuceneHistoryStore store = LuceneHistoryStore.open(full, Optional.of(new StandInEncoder(encoder)))) {
            double rate = ingest(store, data, users, console, "stand-in vectors");
            report.put("ingest_items_per_s_stand_in_vectors", round(rate));
        }
        // reopened: no merge left running while the queries are timed
        try (LuceneHistoryStore store = LuceneHistoryStore.open(full, Optional.of(new StandInEncoder(encoder)))) {
            report.put("index_bytes_before_compact", store.sizeInBytes());
            long start = System.nanoTime();
            store.compact();
            double seconds = (System.nanoTime() - start) / 1e9;
            console.printf(Locale.ROOT, "compact (after the bulk ingest): %.1f s%n", seconds);
            report.put("compact_s", round(seconds));
            report.put("index_bytes", store.sizeInBytes());
            time(store, encoder, data, report, console);
        }
        if (!keepIndexes) {
            FileTrees.delete(full);
        }
        report.put("notes", List.of(
                "ingest_items_per_s: the default encoder, measured on the first ingest_items_measured_with_encoder items",
                "retrieval is timed on the full index, whose vectors come from a feature-hashing stand-in with the real "
                        + "encoder's id and dimension; dense and hybrid encode each query with the real encoder (included)",
                "single-threaded queries, after a warm-up; the machine is shared, so wall-clock figures carry noise: "
                        + "retrieve_cpu_*_ms is the querying thread's CPU time, which waiting for a core does not inflate",
                "dense-scan: the exact vector scan alone, with the query already encoded",
                "the index is compacted (forceMerge to one segment) after the bulk ingest, before the queries"));
        report.put("load_average_at_end", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Path json = out.resolve("bench-retrieval.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        console.printf(Locale.ROOT, "wrote %s%n", json);
        return 0;
    }

    private double ingest(LuceneHistoryStore store, SyntheticHistory data, int userCount, PrintWriter console,
            String what) {
        long start = System.nanoTime();
        long done = 0;
        List<HistoryItem> chunk = new ArrayList<>(CHUNK + itemsPerUser);
        for (int u = 0; u < userCount; u++) {
            chunk.addAll(data.items(u, itemsPerUser));
            if (chunk.size() >= CHUNK || u == userCount - 1) {
                store.addAll(chunk);
                done += chunk.size();
                chunk.clear();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / seconds;
        console.printf(Locale.ROOT, "ingest (%s): %,d items in %.1f s = %,.0f items/s%n", what, done, seconds, rate);
        console.flush();
        return rate;
    }

    private double encoderAlone(TextEncoder encoder, List<String> texts, String what, PrintWriter console) {
        encoder.encode(texts.subList(0, Math.min(8, texts.size()))); // load the model
        int rounds = Math.max(1, Math.min(512, 4 * encoderItems) / texts.size());
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            encoder.encode(texts);
        }
        double rate = rounds * texts.size() / ((System.nanoTime() - start) / 1e9);
        double words = texts.stream().mapToInt(t -> t.split(" ").length).average().orElse(0);
        console.printf(Locale.ROOT, "encoder alone (%s): %,.0f texts/s on %s (%.0f words on average)%n", encoder.id(),
                rate, what, words);
        return rate;
    }

    private void time(LuceneHistoryStore store, TextEncoder encoder, SyntheticHistory data, Map<String, Object> report,
            PrintWriter console) {
        Map<String, Double> p50 = new LinkedHashMap<>();
        Map<String, Double> p99 = new LinkedHashMap<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> cpu50 = new LinkedHashMap<>();
        Map<String, Double> cpu99 = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<RetrieverProvider> providers = List.of(new Bm25RetrieverProvider(), new Bm25OkapiRetrieverProvider(),
                new DenseRetrieverProvider(), new HybridRetrieverProvider(), new RecencyRetrieverProvider());
        List<Retriever> retrievers = new ArrayList<>();
        for (RetrieverProvider provider : providers) {
            retrievers.add(provider.create(new RetrieverContext(store, Optional.of(encoder), Map.of())));
        }
        retrievers.add(new DenseScan(store, encoder));
        for (Retriever retriever : retrievers) {
            Random random = new Random(seed + 7);
            Latencies latencies = new Latencies(queries);
            Latencies cpu = new Latencies(queries);
            long found = 0;
            for (int q = 0; q < warmup + queries; q++) {
                int user = random.nextInt(users);
                Query query = new Query(SyntheticHistory.userId(user), data.query(user, random), "bench");
                if (retriever instanceof DenseScan scan) {
                    scan.prepare(query);
                }
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                int n = retriever.retrieve(query, 10).size();
                long elapsed = System.nanoTime() - start;
                long cpuElapsed = threads.getCurrentThreadCpuTime() - cpuStart;
                if (q >= warmup) {
                    latencies.add(elapsed);
                    cpu.add(cpuElapsed);
                    found += n;
                }
            }
            String name = retriever.name();
            p50.put(name, round3(latencies.percentileMs(50)));
            p99.put(name, round3(latencies.percentileMs(99)));
            mean.put(name, round3(latencies.meanMs()));
            cpu50.put(name, round3(cpu.percentileMs(50)));
            cpu99.put(name, round3(cpu.percentileMs(99)));
            console.printf(Locale.ROOT,
                    "retrieve %-10s p50 %7.3f ms  p99 %7.3f ms  mean %7.3f ms | cpu p50 %7.3f ms  p99 %7.3f ms"
                            + "  (%.1f items/query)%n",
                    name, latencies.percentileMs(50), latencies.percentileMs(99),
                    latencies.meanMs(), cpu.percentileMs(50), cpu.percentileMs(99), found / (double) queries);
            console.flush();
        }
        report.put("retrieve_p50_ms", p50);
        report.put("retrieve_p99_ms", p99);
        report.put("retrieve_mean_ms", mean);
        report.put("retrieve_cpu_p50_ms", cpu50);
        report.put("retrieve_cpu_p99_ms", cpu99);
        report.put("queries_per_retriever", queries);
        console.printf(Locale.ROOT, "index: %,d bytes%n", store.sizeInBytes());
    }

    private Path fresh(String name) throws IOException {
        Path dir = out.resolve(name);
        FileTrees.delete(dir);
        return dir;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

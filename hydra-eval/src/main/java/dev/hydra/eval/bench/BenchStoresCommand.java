package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.minilm.MiniLmTextEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra bench stores}: the single-machine stores (Lucene history, head files) and the PostgreSQL stores side
 * by side, in one run, on the same seeded data and queries. Writes {@code DIR/bench-stores.json} with one object per
 * backend ({@code "lucene"}, {@code "postgres"}): {@code ingest_items_per_s} (the default encoder, on a sample of
 * {@code ingest_sample_users} users), {@code retrieve_p50_ms} and {@code retrieve_p99_ms} per retriever
 * ({@code bm25-okapi}, {@code dense}, the query's encoding included), {@code head_load_p50_ms} and
 * {@code head_load_p99_ms} ({@code cold}: a new store instance, {@code warm}: from its cache) and
 * {@code decorator_overhead_p50_ms} ({@code HydraChatModel} over an instant delegate, bm25-okapi over the backend's
 * history, no heads); then the targets, each with its figures and whether it is met.
 *
 * <p>The corpus ({@code --users} x {@code --items}) is filled with a fast stand-in encoder's vectors under the real
 * encoder's id, as {@code bench retrieval} does: encoding a million items with the real encoder would take hours.
 * The database is given by {@code --store}; the bench works in its own schemas {@code bench_stores_*}, dropped
 * before and after.
 */
@Command(name = "stores", mixinStandardHelpOptions = true,
        description = "Benchmarks the Lucene and the PostgreSQL stores side by side; writes DIR/bench-stores.json.")
public final class BenchStoresCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "The PostgreSQL database to measure, jdbc:postgresql://host:port/db?user=...; the bench "
                    + "creates and drops its own schemas bench_stores_* there (default: HYDRA_STORE).")
    private String store;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench-stores.json goes "
            + "(the Lucene folders are built here too, and deleted).")
    private Path out;

    @Option(names = "--users", description = "Users in the corpus (default: ${DEFAULT-VALUE}).")
    private int users = 10_000;

    @Option(names = "--items", description = "Items per user (default: ${DEFAULT-VALUE}).")
    private int items = 100;

    @Option(names = "--ingest-sample-users", description = "Users ingested with the real encoder for "
            + "ingest_items_per_s, the same items on both backends (default: ${DEFAULT-VALUE}).")
    private int ingestSampleUsers = 50;

    @Option(names = "--queries", description = "Timed queries per retriever and backend (default: ${DEFAULT-VALUE}).")
    private int queries = 1000;

    @Option(names = "--warmup", description = "Untimed queries and requests first (default: ${DEFAULT-VALUE}).")
    private int warmup = 200;

    @Option(names = "--head-loads", description = "Users whose head is loaded cold, then warm "
            + "(default: ${DEFAULT-VALUE}; at most --users).")
    private int headLoads = 1000;

    @Option(names = "--requests", description = "Timed decorator requests per backend (default: ${DEFAULT-VALUE}).")
    private int requests = 1000;

    @Option(names = "--seed", description = "Seed of the data, queries and heads (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    /** Creates the command (picocli instantiates it). */
    public BenchStoresCommand() {}

    @Override
    public Integer call() throws IOException {
        String url = jdbcUrl();
        checkCounts();
        PrintWriter log = spec.commandLine().getErr();
        Files.createDirectories(out);
        TextEncoder encoder = new MiniLmTextEncoder();
        StoreBench.Settings settings = new StoreBench.Settings(users, items, ingestSampleUsers, queries, warmup,
                Math.min(headLoads, users), requests, seed);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("users", users);
        report.put("items_per_user", items);
        report.put("encoder", encoder.id());
        report.put("ingest_sample_users", ingestSampleUsers);
        report.put("queries", queries);
        report.put("warmup", warmup);
        report.put("head_loads", settings.headLoads());
        report.put("decorator_requests", requests);
        report.put("seed", seed);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        report.put("load_average_at_start", loadAverage());
        StoreBench bench = new StoreBench(settings, new SyntheticHistory(seed), encoder, log);
        log.printf(java.util.Locale.ROOT, "bench stores: %,d users x %,d items, PostgreSQL at %s%n", users, items,
                PostgresBackend.redact(url));
        try (PostgresBackend postgres = new PostgresBackend(url);
                LuceneBackend lucene = new LuceneBackend(out.resolve("bench-stores-lucene"))) {
            Map<String, Double> ingest = bench.ingest(List.of(lucene, postgres));
            Map<String, Object> luceneFigures = new LinkedHashMap<>();
            luceneFigures.put("ingest_items_per_s", ingest.get(lucene.name()));
            luceneFigures.putAll(bench.run(lucene));
            report.put("lucene", luceneFigures);
            lucene.close(); // its folders deleted before the database fills
            Map<String, Object> postgresFigures = new LinkedHashMap<>();
            postgresFigures.put("ingest_items_per_s", ingest.get(postgres.name()));
            postgresFigures.putAll(bench.run(postgres));
            report.put("postgres", postgresFigures);
        }
        report.put("targets", StoreTargets.check(report));
        report.put("notes", List.of(
                "ingest_items_per_s: the default encoder, one user's items per addAll, on ingest_sample_users users "
                        + "(the same items on both backends), into an empty history; the backends take turns user by "
                        + "user, so that the machine's load weighs on both alike",
                "the corpus of users x items_per_user is filled with a feature-hashing stand-in's vectors under the "
                        + "real encoder's id and dimension (populate_items_per_s_stand_in); dense encodes each query "
                        + "with the real encoder (included)",
                "retrieval: single-threaded queries of random users after a warm-up; lucene is compacted, postgres "
                        + "vacuumed and analyzed after the bulk ingest",
                "dense over postgres: the query encoded, then PostgresHistoryStore.searchVector, as the dense "
                        + "provider does over Lucene (the provider takes only a Lucene store so far)",
                "head loads: a head per user saved, then head_loads distinct random users loaded from a new store "
                        + "instance (cold), then again from its cache (warm; the better of two passes)",
                "decorator: HydraChatModel over an instant delegate, bm25-okapi over the backend's history, no heads "
                        + "(HYDRA_DEFAULTS: M 10, k 4, N 8); overhead = wall time minus the delegate's span",
                "PostgreSQL runs on the same machine; the machine is shared, see the load averages"));
        report.put("load_average_at_end", loadAverage());
        Path json = out.resolve("bench-stores.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        spec.commandLine().getOut().println(Files.readString(json));
        return 0;
    }

    private String jdbcUrl() {
        String url = store != null ? store : System.getenv("HYDRA_STORE");
        if (url == null || url.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bench stores: no PostgreSQL database: give "
                    + "--store jdbc:postgresql://host:port/db?user=... (or HYDRA_STORE) of a running server; on Debian "
                    + "the package " + PostgresBackend.PACKAGE + " provides one (apt-get install "
                    + PostgresBackend.PACKAGE + ")");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bench stores: invalid --store \""
                    + PostgresBackend.redact(url) + "\": it needs a PostgreSQL URL, jdbc:postgresql://host:port/db");
        }
        return url;
    }

    private void checkCounts() {
        String bad = users < 1 ? "--users " + users : items < 1 ? "--items " + items
                : ingestSampleUsers < 1 ? "--ingest-sample-users " + ingestSampleUsers
                : queries < 1 ? "--queries " + queries : warmup < 0 ? "--warmup " + warmup
                : headLoads < 1 ? "--head-loads " + headLoads : requests < 1 ? "--requests " + requests : null;
        if (bad != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bench stores: " + bad + " is out of range; "
                    + "--users, --items, --ingest-sample-users, --queries, --head-loads and --requests must be >= 1, "
                    + "--warmup >= 0");
        }
    }

    private static double loadAverage() {
        return StoreBench.round1(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}

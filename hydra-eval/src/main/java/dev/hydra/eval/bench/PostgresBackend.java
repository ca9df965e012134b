package dev.hydra.eval.bench;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHeadStore;
import dev.hydra.postgres.PostgresHistoryStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared backend: PostgreSQL histories and a {@link PostgresHeadStore}, each history in its own schema
 * {@code bench_stores_<name>} of the given database, dropped before the run and on close.
 */
final class PostgresBackend implements StoreBackend {

    /** The Debian package of the server, named when none can be reached. */
    static final String PACKAGE = "postgresql-15";

    private static final String PREFIX = "bench_stores_";
    private static final long LISTEN_TIMEOUT_NANOS = 30_000_000_000L;

    private final String jdbcUrl;
    private final Map<String, PostgresDatabase> databases = new LinkedHashMap<>();
    private final List<PostgresHeadStore> headStores = new ArrayList<>();

    /**
     * Creates the backend over a database.
     *
     * @param jdbcUrl the database's URL
     * @throws HydraException naming {@value #PACKAGE} when the database cannot be reached
     */
    PostgresBackend(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        dropSchemas(List.of("sample", "corpus"));
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public HistoryStore openHistory(String history, TextEncoder encoder) {
        return PostgresHistoryStore.open(database(history), Optional.of(encoder));
    }

    @Override
    public HistoryStore reopen(HistoryStore store, String history, TextEncoder encoder) {
        store.compact(); // VACUUM: the bulk ingest's dead index entries pruned, as Lucene's segments are merged
        try (Connection c = database(history).connection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE"); // the planner's statistics of the bulk-loaded tables
        } catch (SQLException e) {
            throw new HydraException("cannot analyze the bench schema of " + history + ": " + e.getMessage(), e);
        }
        return store;
    }

    @Override
    public HeadStore newHeadStore() {
        PostgresHeadStore store = PostgresHeadStore.open(database("corpus"));
        headStores.add(store);
        // it serves from its cache only while it hears other instances' changes
        long deadline = System.nanoTime() + LISTEN_TIMEOUT_NANOS;
        while (!store.listening()) {
            if (System.nanoTime() > deadline) {
                throw new HydraException("the PostgreSQL head store did not start listening within 30 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return store;
    }

    @Override
    public void close() {
        headStores.forEach(PostgresHeadStore::close);
        headStores.clear();
        List<String> names = List.copyOf(databases.keySet());
        databases.values().forEach(PostgresDatabase::close);
        databases.clear();
        dropSchemas(names);
    }

    private PostgresDatabase database(String history) {
        return databases.computeIfAbsent(history,
                h -> PostgresDatabase.open(jdbcUrl, PREFIX + h, PostgresDatabase.DEFAULT_POOL_SIZE));
    }

    private void dropSchemas(List<String> names) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP SCHEMA IF EXISTS " + PREFIX + name + " CASCADE");
            }
        } catch (SQLException e) {
            throw new HydraException("cannot reach PostgreSQL at " + redact(jdbcUrl) + " (" + e.getMessage()
                    + "): give --store the URL of a running server; on Debian the package " + PACKAGE
                    + " (apt-get install " + PACKAGE + ") provides one", e);
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}

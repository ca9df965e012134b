package dev.hydra.it.reliability;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHeadStore;
import dev.hydra.postgres.PostgresHistoryStore;
import dev.hydra.postgres.PostgresResponseCache;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.Bm25RetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One scenario's open stores ({@link ScenarioStore#open}): the history, the heads, the cached answers, in folders
 * or in one PostgreSQL schema. Closing closes what it opened.
 */
final class ScenarioState implements AutoCloseable {

    private final PostgresDatabase db;
    private final HistoryStore history;
    private PostgresHeadStore heads;
    private PostgresResponseCache cache;

    private ScenarioState(PostgresDatabase db, HistoryStore history) {
        this.db = db;
        this.history = history;
    }

    static ScenarioState inFolders(Path home, Optional<TextEncoder> encoder) {
        return new ScenarioState(null, LuceneHistoryStore.open(home.resolve("history"), encoder));
    }

    static ScenarioState inPostgres(PostgresDatabase db, Optional<TextEncoder> encoder) {
        try {
            return new ScenarioState(db, PostgresHistoryStore.open(db, encoder));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * BM25 over a store: Lucene's own scoring over a Lucene store ({@code bm25}), the store-independent
     * {@code bm25-okapi} over any other.
     *
     * @param store the store
     * @return the retriever
     */
    static Retriever bm25(HistoryStore store) {
        RetrieverContext context = new RetrieverContext(store, Optional.empty(), Map.of());
        return store instanceof LuceneHistoryStore ? new Bm25RetrieverProvider().create(context)
                : new Bm25OkapiRetrieverProvider().create(context);
    }

    /** The history store. */
    HistoryStore history() {
        return history;
    }

    /**
     * The heads that would live in a folder.
     *
     * @param dir the folder, for files
     * @return a file store in it, or the schema's head store
     */
    synchronized HeadStore heads(Path dir) {
        if (db == null) {
            return new FileHeadStore(dir);
        }
        if (heads == null) {
            heads = PostgresHeadStore.open(db);
        }
        return heads;
    }

    /**
     * The cached answers that would live in a folder.
     *
     * @param dir the folder, for files
     * @return a file cache in it, or the schema's table
     */
    synchronized ResponseCache cache(Path dir) {
        if (db == null) {
            return new LlmResponseCache(dir);
        }
        if (cache == null) {
            cache = PostgresResponseCache.open(db);
        }
        return cache;
    }

    /**
     * The database, for PostgreSQL.
     *
     * @return the pool, or empty for folders
     */
    Optional<PostgresDatabase> database() {
        return Optional.ofNullable(db);
    }

    @Override
    public void close() {
        try (AutoCloseable d = db == null ? () -> {} : db::close;
                AutoCloseable h = history;
                AutoCloseable hs = heads == null ? () -> {} : heads::close;
                AutoCloseable c = cache == null ? () -> {} : cache::close) {
            // closed last-first: the cache, the heads, the history, then the pool
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the scenario's stores: " + e.getMessage(), e);
        }
    }
}

package dev.hydra.app;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHeadStore;
import dev.hydra.postgres.PostgresHistoryStore;
import dev.hydra.postgres.PostgresResponseCache;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stores of users' state that a {@link StoreSpec} names, each opened on first use and closed in reverse order:
 * the history, the heads of each model, and the black box's cached answers. In folders: a Lucene history, a
 * {@link FileHeadStore} in each model folder, an {@link LlmResponseCache} under the home. In PostgreSQL: one pool,
 * and the three stores over it, a model's heads kept apart by {@link ModelHeadStore}. Not thread-safe: one command
 * uses one.
 */
public final class Stores implements AutoCloseable {

    private final Path historyFolder;
    private final Path home;
    private final String jdbcUrl;
    private final Supplier<TextEncoder> encoder;
    private final ClosingStack opened = new ClosingStack("the stores");
    private PostgresDatabase db;
    private HistoryStore history;
    private PostgresHeadStore sharedHeads;
    private ResponseCache cache;

    private Stores(Path historyFolder, Path home, String jdbcUrl, Supplier<TextEncoder> encoder) {
        this.historyFolder = historyFolder;
        this.home = home;
        this.jdbcUrl = jdbcUrl;
        this.encoder = encoder;
    }

    static Stores inFolders(Path historyFolder, Path home, Supplier<TextEncoder> encoder) {
        return new Stores(historyFolder, home, null, encoder);
    }

    static Stores inPostgres(String jdbcUrl, Supplier<TextEncoder> encoder) {
        return new Stores(null, null, jdbcUrl, encoder);
    }

    /**
     * The history store, with the encoder's vectors.
     *
     * @return the store
     */
    public HistoryStore history() {
        if (history == null) {
            history = jdbcUrl == null
                    ? remember(LuceneHistoryStore.open(historyFolder, Optional.of(encoder.get())))
                    : remember(PostgresHistoryStore.open(database(), Optional.of(encoder.get())));
        }
        return history;
    }

    /**
     * The heads of one model.
     *
     * @param modelDir the model's folder (its bases and manifest stay there)
     * @return a file store in that folder, or the database's heads under the folder's name
     */
    public HeadStore heads(Path modelDir) {
        return jdbcUrl == null ? new FileHeadStore(modelDir)
                : new ModelHeadStore(sharedHeads(), modelDir.getFileName().toString());
    }

    /**
     * The head stores shared by every model, which erasure clears beside the models' own.
     *
     * @return the database's head store, or none for folders
     */
    public List<HeadStore> sharedHeadStores() {
        return jdbcUrl == null ? List.of() : List.of(sharedHeads());
    }

    /**
     * The black box's cached answers.
     *
     * @return the folder {@code HOME/cache/llm}, or the database's table
     */
    public ResponseCache responseCache() {
        if (cache == null) {
            cache = jdbcUrl == null ? new LlmResponseCache(LlmResponseCache.defaultDirectory(home))
                    : remember(PostgresResponseCache.open(database()));
        }
        return cache;
    }

    /**
     * Where the state lives, for messages.
     *
     * @return the folder, or the database without its password
     */
    public String location() {
        return jdbcUrl == null ? historyFolder.toString() : database().location();
    }

    private PostgresHeadStore sharedHeads() {
        if (sharedHeads == null) {
            sharedHeads = remember(PostgresHeadStore.open(database()));
        }
        return sharedHeads;
    }

    private PostgresDatabase database() {
        if (db == null) {
            db = remember(PostgresDatabase.open(jdbcUrl));
        }
        return db;
    }

    private <T extends AutoCloseable> T remember(T resource) {
        return opened.push(resource);
    }

    @Override
    public void close() {
        opened.close();
    }
}

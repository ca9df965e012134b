package dev.hydra.spring.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import org.springframework.util.ClassUtils;

/**
 * Opens the history store that {@code hydra.store} names: a Lucene folder, or a PostgreSQL database when it is a
 * {@code jdbc:postgresql://} URL and hydra-postgres is on the class path.
 */
public final class HistoryStores {

    static final String POSTGRES_STORE = "dev.hydra.postgres.PostgresHistoryStore";
    private static final String JDBC = "jdbc:";
    private static final String POSTGRES = "jdbc:postgresql://";

    private HistoryStores() {}

    /**
     * Opens the store.
     *
     * @param spec the value of {@code hydra.store}
     * @return the store; closing it closes what it opened (the database's pool)
     * @throws IllegalStateException for a JDBC URL without hydra-postgres on the class path, or not PostgreSQL's;
     *     the message names the property and the fix, never the URL (it may hold a password)
     */
    public static HistoryStore open(String spec) {
        if (!spec.startsWith(JDBC)) {
            return LuceneHistoryStore.open(Path.of(spec));
        }
        if (!spec.startsWith(POSTGRES)) {
            throw new IllegalStateException("hydra.store is a JDBC URL of a database Hydra cannot keep histories in:"
                    + " set hydra.store=jdbc:postgresql://HOST:PORT/DATABASE, or a folder");
        }
        if (!ClassUtils.isPresent(POSTGRES_STORE, HistoryStores.class.getClassLoader())) {
            throw new IllegalStateException("hydra.store is a jdbc:postgresql:// URL, but dev.hydra:hydra-postgres is"
                    + " not on the class path: add that dependency (its version comes from dev.hydra:hydra-bom)");
        }
        return PostgresHistoryStores.open(spec);
    }
}

package dev.hydra.spring.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.postgres.PostgresHistoryStore;
import java.util.Optional;

/** The PostgreSQL store, in a class of its own so that hydra-postgres is loaded only when a URL names it. */
final class PostgresHistoryStores {

    private PostgresHistoryStores() {}

    static HistoryStore open(String jdbcUrl) {
        return PostgresHistoryStore.open(jdbcUrl, Optional.empty());
    }
}

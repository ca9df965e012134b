package dev.hydra.postgres;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.testkit.HistoryStoreCompatibilityKit;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL history store, with vectors, against the history store contract; a schema per test. */
class PostgresHistoryStoreCompatibilityTest extends HistoryStoreCompatibilityKit {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    @Override
    protected HistoryStore newStore(Path dir) {
        return PostgresHistoryStore.open(POSTGRES.jdbcUrl(), Schemas.of(dir),
                Optional.of(new FeatureHashingTextEncoder()));
    }

    @Override
    protected boolean persistent() {
        return true;
    }
}

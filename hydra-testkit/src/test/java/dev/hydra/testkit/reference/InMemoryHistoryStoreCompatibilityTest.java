package dev.hydra.testkit.reference;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.testkit.HistoryStoreCompatibilityKit;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.nio.file.Path;

/** The history store kit on the in-memory store of the testkit. */
class InMemoryHistoryStoreCompatibilityTest extends HistoryStoreCompatibilityKit {

    @Override
    protected HistoryStore newStore(Path dir) {
        return new InMemoryHistoryStore();
    }
}

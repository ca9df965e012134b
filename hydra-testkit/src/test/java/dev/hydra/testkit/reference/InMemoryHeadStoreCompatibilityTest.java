package dev.hydra.testkit.reference;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.HeadStoreCompatibilityKit;
import dev.hydra.testkit.InMemoryHeadStore;
import java.nio.file.Path;

/** The head store kit on the in-memory store of the testkit (its corruption check is skipped). */
class InMemoryHeadStoreCompatibilityTest extends HeadStoreCompatibilityKit {

    @Override
    protected HeadStore newStore(Path dir) {
        return new InMemoryHeadStore();
    }
}

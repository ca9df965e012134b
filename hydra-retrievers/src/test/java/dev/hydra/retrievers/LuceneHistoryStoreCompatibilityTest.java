package dev.hydra.retrievers;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.testkit.HistoryStoreCompatibilityKit;
import java.nio.file.Path;
import java.util.Optional;

/** The Lucene history store, with vectors, against the history store contract. */
class LuceneHistoryStoreCompatibilityTest extends HistoryStoreCompatibilityKit {

    @Override
    protected HistoryStore newStore(Path dir) {
        return LuceneHistoryStore.open(dir, Optional.of(new FeatureHashingTextEncoder()));
    }

    @Override
    protected boolean persistent() {
        return true;
    }
}

package dev.hydra.retrievers;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.RetrieverCompatibilityKit;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code bm25-okapi} retriever over the testkit's in-memory store (it works over any store). */
class Bm25OkapiRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    private static final TextEncoder ENCODER = new FeatureHashingTextEncoder();

    @Override
    protected RetrieverProvider provider() {
        return new Bm25OkapiRetrieverProvider();
    }

    @Override
    protected HistoryStore newStore(Path dir) {
        return super.newStore(dir);
    }

    @Override
    protected Optional<TextEncoder> encoder() {
        return Optional.empty();
    }

    @Override
    protected boolean ranksByTextRelevance() {
        return true;
    }
}

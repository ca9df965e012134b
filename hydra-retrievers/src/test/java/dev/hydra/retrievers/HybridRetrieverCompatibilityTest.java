package dev.hydra.retrievers;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.RetrieverCompatibilityKit;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code hybrid} retriever over the Lucene store with vectors, against the retriever contract. */
class HybridRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    private static final TextEncoder ENCODER = new FeatureHashingTextEncoder();

    @Override
    protected RetrieverProvider provider() {
        return new HybridRetrieverProvider();
    }

    @Override
    protected HistoryStore newStore(Path dir) {
        return LuceneHistoryStore.open(dir, Optional.of(ENCODER));
    }

    @Override
    protected Optional<TextEncoder> encoder() {
        return Optional.of(ENCODER);
    }

    @Override
    protected boolean ranksByTextRelevance() {
        return true;
    }
}

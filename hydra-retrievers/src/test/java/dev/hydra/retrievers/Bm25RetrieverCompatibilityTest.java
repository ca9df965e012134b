package dev.hydra.retrievers;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.RetrieverCompatibilityKit;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code bm25} retriever over the Lucene store, against the retriever contract. */
class Bm25RetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    private static final TextEncoder ENCODER = new FeatureHashingTextEncoder();

    @Override
    protected RetrieverProvider provider() {
        return new Bm25RetrieverProvider();
    }

    @Override
    protected HistoryStore newStore(Path dir) {
        return LuceneHistoryStore.open(dir);
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

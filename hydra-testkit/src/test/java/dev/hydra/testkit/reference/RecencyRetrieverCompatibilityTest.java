package dev.hydra.testkit.reference;

import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.testkit.RetrieverCompatibilityKit;

/** The retriever kit on a retriever that ignores the query text. */
class RecencyRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    @Override
    protected RetrieverProvider provider() {
        return new RecencyRetrieverProvider();
    }

    @Override
    protected boolean ranksByTextRelevance() {
        return false;
    }
}

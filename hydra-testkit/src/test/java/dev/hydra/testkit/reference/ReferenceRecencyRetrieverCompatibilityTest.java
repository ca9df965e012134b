package dev.hydra.testkit.reference;

import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.testkit.RetrieverCompatibilityKit;

/** The retriever kit on a retriever that ignores the query text. */
class ReferenceRecencyRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    @Override
    protected RetrieverProvider provider() {
        return new ReferenceRecencyRetrieverProvider();
    }

    @Override
    protected boolean ranksByTextRelevance() {
        return false;
    }
}

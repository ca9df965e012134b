package dev.hydra.testkit.reference;

import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.testkit.RetrieverCompatibilityKit;

/** The retriever kit on a keyword retriever over the default in-memory store. */
class ReferenceKeywordOverlapRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    @Override
    protected RetrieverProvider provider() {
        return new ReferenceKeywordOverlapRetrieverProvider();
    }
}

package dev.hydra.testkit.reference;

import dev.hydra.api.spi.Reranker;
import dev.hydra.testkit.RerankerCompatibilityKit;

/** The reranker kit on the pass-through reranker. */
class ReferencePassThroughRerankerCompatibilityTest extends RerankerCompatibilityKit {

    @Override
    protected Reranker reranker() {
        return new ReferencePassThroughReranker();
    }
}

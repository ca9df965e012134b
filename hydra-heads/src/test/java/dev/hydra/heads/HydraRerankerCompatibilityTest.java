package dev.hydra.heads;

import dev.hydra.api.spi.Reranker;
import dev.hydra.testkit.RerankerCompatibilityKit;

/** {@link HydraReranker} against the reranker contract. */
class HydraRerankerCompatibilityTest extends RerankerCompatibilityKit {

    @Override
    protected Reranker reranker() {
        return new HydraReranker(KitScorers.reranker(), KitScorers.ENCODER);
    }
}

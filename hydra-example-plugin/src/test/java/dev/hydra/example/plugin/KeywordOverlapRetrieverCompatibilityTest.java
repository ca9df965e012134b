package dev.hydra.example.plugin;

import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.testkit.RetrieverCompatibilityKit;

/** The plugin against the retriever contract: isolation, limits, ranking, thread-safety, naming. */
class KeywordOverlapRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    @Override
    protected RetrieverProvider provider() {
        return new KeywordOverlapRetrieverProvider();
    }
}

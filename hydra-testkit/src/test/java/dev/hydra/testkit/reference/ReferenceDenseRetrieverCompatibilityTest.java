package dev.hydra.testkit.reference;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.RetrieverCompatibilityKit;
import java.util.Optional;

/** The retriever kit on a dense retriever, which needs the encoder hook. */
class ReferenceDenseRetrieverCompatibilityTest extends RetrieverCompatibilityKit {

    @Override
    protected RetrieverProvider provider() {
        return new ReferenceDenseRetrieverProvider();
    }

    @Override
    protected Optional<TextEncoder> encoder() {
        return Optional.of(new FeatureHashingTextEncoder(512));
    }
}

package dev.hydra.testkit.reference;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.TextEncoderCompatibilityKit;

/** The encoder kit on hydra-api's feature-hashing encoder, the one the tests of every module use. */
class FeatureHashingTextEncoderCompatibilityTest extends TextEncoderCompatibilityKit {

    @Override
    protected TextEncoder encoder() {
        return new FeatureHashingTextEncoder();
    }
}

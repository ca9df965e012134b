package dev.hydra.core.encoder;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.TextEncoderCompatibilityKit;

class CachingTextEncoderCompatibilityTest extends TextEncoderCompatibilityKit {

    private final TextEncoder encoder = new CachingTextEncoder(new FeatureHashingTextEncoder(64), 8);

    @Override
    protected TextEncoder encoder() {
        return encoder;
    }
}

package dev.hydra.core.encoder;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.HashingTextEncoder;
import dev.hydra.testkit.TextEncoderCompatibilityKit;

class CachingTextEncoderCompatibilityTest extends TextEncoderCompatibilityKit {

    private final TextEncoder encoder = new CachingTextEncoder(new HashingTextEncoder(64), 8);

    @Override
    protected TextEncoder encoder() {
        return encoder;
    }
}

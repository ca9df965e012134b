package dev.hydra.minilm;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.TextEncoderCompatibilityKit;

/** The default all-MiniLM-L6-v2-q encoder against the text encoder contract. */
class MiniLmTextEncoderCompatibilityTest extends TextEncoderCompatibilityKit {

    private static final TextEncoder ENCODER = new MiniLmTextEncoder();

    @Override
    protected TextEncoder encoder() {
        return ENCODER;
    }
}

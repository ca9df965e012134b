package dev.hydra.testkit.reference;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.HashingTextEncoder;
import dev.hydra.testkit.TextEncoderCompatibilityKit;

/** The encoder kit on the hashing encoder of the testkit. */
class HashingTextEncoderCompatibilityTest extends TextEncoderCompatibilityKit {

    @Override
    protected TextEncoder encoder() {
        return new HashingTextEncoder();
    }
}

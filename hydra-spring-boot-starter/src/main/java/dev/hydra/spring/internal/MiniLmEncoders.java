package dev.hydra.spring.internal;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.minilm.MiniLmTextEncoder;

/** MiniLM, in a class of its own so that hydra-minilm is loaded only when {@code hydra.encoder} names it. */
final class MiniLmEncoders {

    private MiniLmEncoders() {}

    static TextEncoder create() {
        return new MiniLmTextEncoder();
    }
}

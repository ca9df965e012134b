package dev.hydra.retrievers;

import dev.hydra.api.spi.TextEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test encoder that encodes as the one it wraps, but fails on one given call, counted from 1. */
final class FailingOnCallEncoder implements TextEncoder {

    private final TextEncoder encoder;
    private final int failOnCall;
    private final AtomicInteger calls = new AtomicInteger();

    FailingOnCallEncoder(TextEncoder encoder, int failOnCall) {
        this.encoder = encoder;
        this.failOnCall = failOnCall;
    }

    @Override
    public String name() {
        return encoder.name();
    }

    @Override
    public float[][] encode(List<String> texts) {
        if (calls.incrementAndGet() == failOnCall) {
            throw new IllegalStateException("encoder failure injected on call " + failOnCall);
        }
        return encoder.encode(texts);
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public String id() {
        return encoder.id();
    }
}

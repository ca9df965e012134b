package dev.hydra.heads;

import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;

/** An encoder that records every text it is asked to encode, and its calls. */
final class RecordingEncoder implements TextEncoder {

    private final TextEncoder delegate;
    final List<String> texts = new ArrayList<>();
    int calls;

    RecordingEncoder(TextEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized float[][] encode(List<String> batch) {
        calls++;
        texts.addAll(batch);
        return delegate.encode(batch);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** How often a text was encoded. */
    synchronized long count(String text) {
        return texts.stream().filter(text::equals).count();
    }
}

package dev.hydra.eval.bench;

import dev.hydra.api.spi.TextEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An encoder that remembers how long its latest call took, to split the time a request spends after its last sample
 * into the encoding of the last answer and the rest: of the calls since {@link #reset()}, the one that ended last.
 */
final class TimedEncoder implements TextEncoder {

    /** One call: when it ended and how long it took. */
    private record Call(long endNanos, long nanos) {}

    private static final Call NONE = new Call(Long.MIN_VALUE, 0);

    private final TextEncoder delegate;
    private final AtomicReference<Call> latest = new AtomicReference<>(NONE);

    TimedEncoder(TextEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public float[][] encode(List<String> texts) {
        long start = System.nanoTime();
        float[][] vectors = delegate.encode(texts);
        long end = System.nanoTime();
        Call call = new Call(end, end - start);
        latest.accumulateAndGet(call, (a, b) -> b.endNanos() > a.endNanos() ? b : a);
        return vectors;
    }

    /** Forgets the calls so far. */
    void reset() {
        latest.set(NONE);
    }

    /**
     * How long the call that ended last since {@link #reset()} took, when it ended after a given time.
     *
     * @param after a {@link System#nanoTime()}
     * @return nanoseconds; 0 when no call ended after {@code after}
     */
    long latestNanosEndingAfter(long after) {
        Call call = latest.get();
        return call.endNanos() > after ? call.nanos() : 0;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String id() {
        return delegate.id();
    }
}

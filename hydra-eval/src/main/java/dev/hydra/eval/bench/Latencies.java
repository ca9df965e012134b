package dev.hydra.eval.bench;

import java.util.Arrays;

/** Collected latencies of one operation, with nearest-rank percentiles. */
final class Latencies {

    private final long[] nanos;
    private int size;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        nanos[size++] = elapsedNanos;
    }

    /**
     * The nearest-rank percentile.
     *
     * @param p the percentile, in (0, 100]
     * @return milliseconds
     */
    double percentileMs(double p) {
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * size);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    int count() {
        return size;
    }

    double meanMs() {
        return Arrays.stream(nanos, 0, size).average().orElse(0) / 1e6;
    }
}

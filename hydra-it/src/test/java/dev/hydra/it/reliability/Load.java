package dev.hydra.it.reliability;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs many calls on a few named threads and times each one. */
final class Load {

    /** One call: its index and a random source seeded by the scenario's seed and the index. */
    @FunctionalInterface
    interface Call {
        void run(int index, SplittableRandom random) throws Exception;
    }

    private Load() {}

    /**
     * Runs the calls; a call that throws is the caller's to count (wrap it), anything thrown here is rethrown.
     *
     * @return the time of each call, in nanoseconds
     */
    static long[] run(int calls, int threads, long seed, String name, Call call) throws InterruptedException {
        long[] nanos = new long[calls];
        AtomicInteger next = new AtomicInteger();
        Throwable[] failure = new Throwable[1];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        call.run(i, new SplittableRandom(seed * 1_000_003L + i));
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = failure[0] == null ? e : failure[0];
                        }
                        next.set(calls);
                    }
                    nanos[i] = System.nanoTime() - start;
                }
            }, "reliability-" + name + "-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("the " + name + " load failed: " + failure[0], failure[0]);
        }
        return nanos;
    }

    /** A percentile of call times, in milliseconds with two decimals. */
    static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        return Math.round(v / 1e4) / 100.0;
    }
}

package dev.hydra.langchain4j;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits of the fakes' own threads, which cannot throw to the test: a wait that fails says so in its result. */
final class Latches {

    private Latches() {}

    /**
     * Waits for a latch, at most a test's wait.
     *
     * @param latch the latch
     * @param seconds the longest wait
     * @return whether it opened; false when the wait ran out or the thread was interrupted (its flag kept)
     */
    static boolean opened(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.hydra.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a task on several named threads that start together, for the kits' thread-safety checks. */
final class Concurrently {

    /** How many threads the kits use: enough to interleave, few enough for a shared CI machine. */
    static final int THREADS = 4;

    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {}

    /**
     * Runs {@code task} once on each of {@code threads} threads, started at the same moment.
     *
     * @param threads how many threads
     * @param task the task; receives the thread's number from 0
     * @param <T> the result type
     * @return the results, by thread number
     * @throws AssertionError when a task fails or the threads do not finish within a minute
     */
    static <T> List<T> run(int threads, ThreadTask<T> task) {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "hydra-testkit-worker-" + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int number = t;
                Callable<T> callable = () -> {
                    start.await();
                    return task.run(number);
                };
                futures.add(pool.submit(callable));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("concurrent calls did not finish within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for concurrent calls", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task run on one thread. */
    @FunctionalInterface
    interface ThreadTask<T> {
        /**
         * Runs the task.
         *
         * @param thread the thread's number from 0
         * @return the result
         * @throws Exception any failure, reported as an assertion error
         */
        T run(int thread) throws Exception;
    }
}

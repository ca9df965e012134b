package dev.hydra.core.pipeline;

import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which {@link Hydra} runs {@link dev.hydra.api.spi.Reranker#prepare} while the retriever runs on
 * the caller's, and {@link SamplePool} the greedy call beside the sampled one: daemon threads, made when needed (one per request in flight) and ended after 30 idle seconds, so an
 * idle pipeline holds none and nothing has to be closed.
 */
final class QueryPreparation {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "hydra-prepare-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private QueryPreparation() {}

    /**
     * Runs work on a preparation thread.
     *
     * @param work the work
     * @return its future
     * @throws java.util.concurrent.RejectedExecutionException when no thread can be made
     */
    static Future<?> start(Runnable work) {
        return POOL.submit(work);
    }

    /**
     * Computes a value on a preparation thread.
     *
     * @param work the work
     * @param <T> the value's type
     * @return its future
     * @throws java.util.concurrent.RejectedExecutionException when no thread can be made
     */
    static <T> Future<T> call(java.util.concurrent.Callable<T> work) {
        return POOL.submit(work);
    }
}

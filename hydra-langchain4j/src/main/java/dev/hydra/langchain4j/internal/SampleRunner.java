package dev.hydra.langchain4j.internal;

import dev.hydra.api.LlmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs the N samples of a request on a bounded pool of named daemon threads, each sample with its own timeout
 * counted from the moment it starts and, when given, all of them within the request's deadline: a sample not done
 * by then is cancelled and reported as timed out, never waited for.
 */
public final class SampleRunner implements AutoCloseable {

    /**
     * What became of one sample.
     *
     * @param value the result, or {@code null} when the sample failed
     * @param failure why it failed, or {@code null}
     * @param timedOut whether it ran out of time (or never started in time)
     * @param <T> the result type
     */
    public record Outcome<T>(T value, Throwable failure, boolean timedOut) {}

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int threads;

    /**
     * Creates the pool.
     *
     * @param threadPrefix threads are named {@code threadPrefix-1}, {@code -2}, ...
     * @param threads the most samples running at once
     * @param timeout the time one sample may run
     */
    public SampleRunner(String threadPrefix, int threads, Duration timeout) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, threadPrefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory);
        this.executor.allowCoreThreadTimeOut(true);
        this.timeout = timeout;
        this.threads = threads;
    }

    /**
     * Runs {@code n} samples and waits for each to end, fail or time out.
     *
     * @param n how many samples
     * @param sample computes sample {@code i}
     * @param <T> the result type
     * @return the outcomes, by sample index
     * @throws IllegalStateException when the runner is closed
     * @throws LlmException when the calling thread is interrupted (the samples are cancelled)
     */
    public <T> List<Outcome<T>> run(int n, IntFunction<T> sample) {
        return run(n, sample, null);
    }

    /**
     * Runs {@code n} samples and waits for each to end, fail or time out, but no longer than the deadline.
     *
     * @param n how many samples
     * @param sample computes sample {@code i}
     * @param deadline the time all samples may take, from now; {@code null} for no limit but each one's timeout
     * @param <T> the result type
     * @return the outcomes, by sample index
     * @throws IllegalStateException when the runner is closed
     * @throws LlmException when the calling thread is interrupted (the samples are cancelled)
     */
    public <T> List<Outcome<T>> run(int n, IntFunction<T> sample, Duration deadline) {
        long now = System.nanoTime();
        long ahead = executor.getQueue().size() + executor.getActiveCount() + n;
        long startDeadline = now + timeout.toNanos() * ((ahead + threads - 1) / threads + 1);
        long end = deadline == null ? Long.MAX_VALUE : now + deadline.toNanos();
        List<Task<T>> tasks = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                Task<T> task = new Task<>(i, sample);
                task.future = executor.submit(task::call);
                tasks.add(task);
            }
        } catch (RejectedExecutionException e) {
            tasks.forEach(t -> t.future.cancel(true));
            throw new IllegalStateException("the LLM backend is closed", e);
        }
        List<Outcome<T>> outcomes = new ArrayList<>(n);
        try {
            for (Task<T> task : tasks) {
                outcomes.add(await(task, Math.min(startDeadline, end), end, deadline));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tasks.forEach(t -> t.future.cancel(true));
            throw new LlmException("interrupted while waiting for " + n + " samples", e);
        }
        return outcomes;
    }

    private <T> Outcome<T> await(Task<T> task, long startDeadline, long end, Duration deadline)
            throws InterruptedException {
        if (!task.started.await(Math.max(0, startDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            task.future.cancel(true);
            return new Outcome<>(null, new TimeoutException("sample " + task.index + (startDeadline == end
                    ? " did not start before the request's deadline of " + deadline.toMillis() + " ms"
                    : " did not start in time: every thread is busy")), true);
        }
        long ownEnd = task.startNanos + timeout.toNanos();
        long remaining = Math.min(ownEnd, end) - System.nanoTime();
        try {
            return new Outcome<>(task.future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS), null, false);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause(), false);
        } catch (TimeoutException e) {
            task.future.cancel(true);
            return new Outcome<>(null, new TimeoutException("sample " + task.index + (end < ownEnd
                    ? " missed the request's deadline of " + deadline.toMillis() + " ms: dropped"
                    : " took longer than " + timeout)), true);
        } catch (CancellationException e) {
            return new Outcome<>(null, e, false);
        }
    }

    /** Stops the threads; running samples are interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static final class Task<T> {
        final int index;
        final IntFunction<T> sample;
        final CountDownLatch started = new CountDownLatch(1);
        volatile long startNanos;
        Future<T> future;

        Task(int index, IntFunction<T> sample) {
            this.index = index;
            this.sample = sample;
        }

        T call() {
            startNanos = System.nanoTime();
            started.countDown();
            return sample.apply(index);
        }
    }
}

package dev.hydra.testkit;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link LlmBackend} that wraps another and makes a seeded fraction of samples fail or time out, named
 * {@code "cranky"} (after Lucene's {@code CrankyCodec}): for testing that callers survive a flaky black box.
 *
 * <p>Whether a sample fails depends only on the seed, the prompt, the sampling seed and the sample index,
 * never on timing or call order: the same inputs fail the same way, on any thread. A failed sample is
 * reported as a {@link SampleFailure}; a timed-out one as a {@code SampleFailure} with {@code timedOut}
 * set, after the configured delay (once per call). When no sample of a call succeeds, {@link #generate}
 * throws {@link LlmException} whose cause is the failure of the first sample, as the {@link LlmBackend}
 * contract says. Samples the delegate produces keep their text and index; the delegate's own failures are
 * passed on. The model id is the delegate's.
 * <pre>{@code
 * LlmBackend flaky = CrankyLlmBackend.wrap(ScriptedLlmBackend.answering("ok"))
 *         .failureRate(0.2).timeoutRate(0.1).timeoutDelay(Duration.ofMillis(5)).seed(42).build();
 * }</pre>
 * <b>Thread-safety:</b> safe for concurrent use when the delegate is.
 *
 * @since 0.1
 */
public final class CrankyLlmBackend implements LlmBackend {

    private final LlmBackend delegate;
    private final double failureRate;
    private final double timeoutRate;
    private final Duration timeoutDelay;
    private final long seed;
    private final AtomicLong injectedFailures = new AtomicLong();
    private final AtomicLong injectedTimeouts = new AtomicLong();

    private CrankyLlmBackend(Builder builder) {
        this.delegate = builder.delegate;
        this.failureRate = builder.failureRate;
        this.timeoutRate = builder.timeoutRate;
        this.timeoutDelay = builder.timeoutDelay;
        this.seed = builder.seed;
    }

    /**
     * Starts wrapping a backend.
     *
     * @param delegate the backend that answers the samples that do not fail; never {@code null}
     * @return a builder with failure rate 0.2, timeout rate 0.1, no delay and seed 0
     */
    public static Builder wrap(LlmBackend delegate) {
        return new Builder(Objects.requireNonNull(delegate, "delegate must not be null"));
    }

    @Override
    public String name() {
        return "cranky";
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        Objects.requireNonNull(sampling, "sampling must not be null");
        long promptHash = hash(prompt);
        List<SampleFailure> injected = new ArrayList<>();
        boolean[] failed = new boolean[sampling.n()];
        boolean anyTimeout = false;
        for (int i = 0; i < sampling.n(); i++) {
            double u = uniform(promptHash, sampling.seed(), i);
            if (u < failureRate) {
                injected.add(new SampleFailure(i, "IllegalStateException: injected failure of sample " + i, false));
                injectedFailures.incrementAndGet();
                failed[i] = true;
            } else if (u < failureRate + timeoutRate) {
                injected.add(new SampleFailure(i, "TimeoutException: sample " + i + " timed out (injected, after "
                        + timeoutDelay.toMillis() + " ms)", true));
                injectedTimeouts.incrementAndGet();
                failed[i] = true;
                anyTimeout = true;
            }
        }
        if (anyTimeout) {
            pause();
        }
        if (injected.size() == sampling.n()) {
            SampleFailure first = injected.get(0);
            Exception cause = first.timedOut() ? new TimeoutException(first.reason())
                    : new IllegalStateException(first.reason());
            throw new LlmException("all " + sampling.n() + " samples failed (model " + modelId() + "); first: "
                    + first.reason(), cause);
        }
        Generation produced = delegate.generate(prompt, sampling);
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : produced.candidates()) {
            if (candidate.sampleIndex() >= failed.length || !failed[candidate.sampleIndex()]) {
                kept.add(candidate);
            }
        }
        List<SampleFailure> failures = new ArrayList<>(injected);
        for (SampleFailure failure : produced.failures()) {
            if (failure.sampleIndex() >= failed.length || !failed[failure.sampleIndex()]) {
                failures.add(failure);
            }
        }
        if (kept.isEmpty()) {
            SampleFailure first = failures.stream().min((a, b) -> Integer.compare(a.sampleIndex(), b.sampleIndex()))
                    .orElseThrow();
            throw new LlmException("all " + sampling.n() + " samples failed (model " + modelId() + "); first: "
                    + first.reason(), new IllegalStateException(first.reason()));
        }
        return new Generation(kept, failures, produced.usage());
    }

    private void pause() {
        if (timeoutDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(timeoutDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A uniform number in [0, 1) from the seed, the prompt, the sampling seed and the sample index. */
    private double uniform(long promptHash, long samplingSeed, int sampleIndex) {
        long h = mix(seed ^ 0x9e3779b97f4a7c15L);
        h = mix(h ^ promptHash);
        h = mix(h ^ samplingSeed);
        h = mix(h ^ sampleIndex);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A hash of the prompt's roles and texts that is the same in every JVM. */
    private static long hash(Prompt prompt) {
        long h = 0xcbf29ce484222325L;
        for (ChatTurn turn : prompt.turns()) {
            for (byte b : (turn.role().name() + '\u0000' + turn.text() + '\u0001').getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return h;
    }

    /** The SplitMix64 finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * How many samples failed by injection so far (timeouts not included).
     *
     * @return the count
     */
    public long injectedFailures() {
        return injectedFailures.get();
    }

    /**
     * How many samples timed out by injection so far.
     *
     * @return the count
     */
    public long injectedTimeouts() {
        return injectedTimeouts.get();
    }

    @Override
    public String toString() {
        return "CrankyLlmBackend[failureRate=" + failureRate + ", timeoutRate=" + timeoutRate + ", seed=" + seed
                + ", delegate=" + delegate + "]";
    }

    /**
     * Builds a {@link CrankyLlmBackend}.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final LlmBackend delegate;
        private double failureRate = 0.2;
        private double timeoutRate = 0.1;
        private Duration timeoutDelay = Duration.ZERO;
        private long seed;

        private Builder(LlmBackend delegate) {
            this.delegate = delegate;
        }

        /**
         * Sets the fraction of samples that fail.
         *
         * @param rate 0 to 1
         * @return this builder
         * @throws IllegalArgumentException when the rate is out of range
         */
        public Builder failureRate(double rate) {
            this.failureRate = checkRate(rate, "failureRate");
            return this;
        }

        /**
         * Sets the fraction of samples that time out.
         *
         * @param rate 0 to 1
         * @return this builder
         * @throws IllegalArgumentException when the rate is out of range
         */
        public Builder timeoutRate(double rate) {
            this.timeoutRate = checkRate(rate, "timeoutRate");
            return this;
        }

        /**
         * Sets how long a call with a timed-out sample waits before it reports; keep it short in tests.
         *
         * @param delay the delay, zero or more; at most 10 seconds
         * @return this builder
         * @throws IllegalArgumentException when the delay is negative or longer than 10 seconds
         */
        public Builder timeoutDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay must not be null");
            if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("timeoutDelay must be in [0, 10 s], was " + delay);
            }
            this.timeoutDelay = delay;
            return this;
        }

        /**
         * Sets the seed that decides which samples fail.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the backend.
         *
         * @return the backend
         * @throws IllegalArgumentException when the two rates add up to more than 1
         */
        public CrankyLlmBackend build() {
            if (failureRate + timeoutRate > 1.0) {
                throw new IllegalArgumentException("failureRate + timeoutRate must be <= 1, was "
                        + (failureRate + timeoutRate));
            }
            return new CrankyLlmBackend(this);
        }

        private static double checkRate(double rate, String name) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
            }
            return rate;
        }
    }
}

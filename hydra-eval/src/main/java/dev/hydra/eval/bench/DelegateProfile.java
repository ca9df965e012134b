package dev.hydra.eval.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated LLM provider behaves ({@link SimulatedOpenAiServer}): its latency, its streaming rate, its rate
 * limit and its failures. The latency of an answer is drawn per request, {@code answerLatency +- jitter}, and each
 * sample of that request (same messages, another seed) takes it within {@code +- sampleSpread}; with
 * {@code independentSamples} every sample draws its own.
 *
 * @param answerLatency the mean time to a complete answer
 * @param jitter the half-width of the uniform spread around it, at most {@code answerLatency}
 * @param sampleSpread the spread of one request's samples around its draw, in {@code [0, 1)} (0.05: +-5%)
 * @param independentSamples whether each sample draws its own latency instead of the request's
 * @param answerTokens the tokens of every answer; streamed at an even pace over its latency
 * @param rateLimitedFraction the share of calls answered 429 with {@code Retry-After}, in {@code [0, 1]}
 * @param retryAfterSeconds the {@code Retry-After} of a 429, at least 1
 * @param failureFraction the share of calls answered 500, in {@code [0, 1]}
 * @param seed the seed of every draw: the same seed and calls give the same behaviour
 */
public record DelegateProfile(Duration answerLatency, Duration jitter, double sampleSpread,
        boolean independentSamples, int answerTokens, double rateLimitedFraction, int retryAfterSeconds,
        double failureFraction, long seed) {

    /** The realistic provider: 400 ms +- 100 ms, samples within 5%, 20 tokens at 50 tokens/s. */
    public static final DelegateProfile REALISTIC = new DelegateProfile(Duration.ofMillis(400), Duration.ofMillis(100),
            0.05, false, 20, 0, 1, 0, 42);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when one is outside its range; the message names it and the range
     */
    public DelegateProfile {
        Objects.requireNonNull(answerLatency, "answerLatency must not be null");
        Objects.requireNonNull(jitter, "jitter must not be null");
        if (answerLatency.isNegative() || jitter.isNegative() || jitter.compareTo(answerLatency) > 0) {
            throw new IllegalArgumentException("need 0 <= jitter <= answerLatency, got " + answerLatency.toMillis()
                    + " ms +- " + jitter.toMillis() + " ms");
        }
        check("sampleSpread", sampleSpread, 0, 0.999);
        check("rateLimitedFraction", rateLimitedFraction, 0, 1);
        check("failureFraction", failureFraction, 0, 1);
        if (rateLimitedFraction + failureFraction > 1) {
            throw new IllegalArgumentException("rateLimitedFraction + failureFraction must be <= 1, was "
                    + (rateLimitedFraction + failureFraction));
        }
        if (answerTokens < 1) {
            throw new IllegalArgumentException("answerTokens must be >= 1, was " + answerTokens);
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, was " + retryAfterSeconds);
        }
    }

    /**
     * The same provider, rate limiting a share of its calls.
     *
     * @param fraction the share answered 429, in {@code [0, 1]}
     * @param retryAfter the {@code Retry-After} seconds, at least 1
     * @return the profile
     */
    public DelegateProfile withRateLimit(double fraction, int retryAfter) {
        return new DelegateProfile(answerLatency, jitter, sampleSpread, independentSamples, answerTokens, fraction,
                retryAfter, failureFraction, seed);
    }

    /**
     * The same provider, each sample drawing its own latency.
     *
     * @param independent whether samples draw independently
     * @return the profile
     */
    public DelegateProfile withIndependentSamples(boolean independent) {
        return new DelegateProfile(answerLatency, jitter, sampleSpread, independent, answerTokens,
                rateLimitedFraction, retryAfterSeconds, failureFraction, seed);
    }

    /**
     * The same provider, failing a share of its calls with 500.
     *
     * @param fraction the share, in {@code [0, 1]}
     * @return the profile
     */
    public DelegateProfile withFailures(double fraction) {
        return new DelegateProfile(answerLatency, jitter, sampleSpread, independentSamples, answerTokens,
                rateLimitedFraction, retryAfterSeconds, fraction, seed);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}

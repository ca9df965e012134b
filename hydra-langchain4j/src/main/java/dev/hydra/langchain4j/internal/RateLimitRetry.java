package dev.hydra.langchain4j.internal;

import dev.hydra.api.LlmException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retries a call the provider rate limited (HTTP 429), after the wait it asked for ({@code Retry-After}, as the
 * provider's error message gives it, e.g. "retry after 1 s"; else a backoff that doubles from 500 ms), as long as
 * the retry can end before the request's deadline. A call whose wait would pass the deadline is not retried but
 * dropped, with an error that says so; other failures pass through at once.
 */
public final class RateLimitRetry {

    /** The wait before the first retry when the provider named none; doubled for each further one. */
    static final Duration BACKOFF = Duration.ofMillis(500);

    private static final Pattern RETRY_AFTER = Pattern.compile(
            "retry[- ]after\\W{0,3}(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|seconds?)?", Pattern.CASE_INSENSITIVE);

    private final int retries;
    private final Sleeper sleeper;

    /** How the retry waits: the thread sleeps, tests count. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param millis how long
         * @throws InterruptedException when interrupted
         */
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Creates the policy.
     *
     * @param retries the most retries of one call, at least 0
     * @param sleeper how to wait
     * @throws IllegalArgumentException when {@code retries} is negative
     */
    public RateLimitRetry(int retries, Sleeper sleeper) {
        if (retries < 0) {
            throw new IllegalArgumentException("rateLimitRetries must be >= 0, was " + retries);
        }
        this.retries = retries;
        this.sleeper = sleeper;
    }

    /**
     * Makes the call, retrying it while it is rate limited and the retry fits before the deadline.
     *
     * @param call the call
     * @param deadlineNanos the {@link System#nanoTime()} by which the call must end; {@link Long#MAX_VALUE} for none
     * @param deadline the request's deadline, for the message; {@code null} for none
     * @param <T> the result type
     * @return the call's result
     * @throws LlmException when a rate-limited call cannot be retried in time, or was retried {@code retries}
     *     times; the cause is the provider's last error
     */
    public <T> T call(Supplier<T> call, long deadlineNanos, Duration deadline) {
        for (int attempt = 0;; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!rateLimited(e)) {
                    throw e;
                }
                long wait = retryAfterMillis(e).orElse(BACKOFF.toMillis() << Math.min(attempt, 10));
                if (attempt >= retries) {
                    throw new LlmException("rate limited (429) " + (attempt + 1) + " times; no retry left ("
                            + "raise rateLimitRetries, now " + retries + ")", e);
                }
                if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() + wait * 1_000_000L >= deadlineNanos) {
                    throw new LlmException("rate limited (429); the retry after " + wait + " ms would end after "
                            + "the request's deadline of " + deadline.toMillis() + " ms, so the sample was dropped",
                            e);
                }
                pause(wait, e);
            }
        }
    }

    private void pause(long millis, RuntimeException limited) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LlmException stopped = new LlmException("interrupted while waiting to retry a rate-limited call", e);
            stopped.addSuppressed(limited);
            throw stopped;
        }
    }

    /**
     * Whether a failure is a rate limit: a {@link RateLimitException} or an HTTP 429, anywhere in its causes.
     *
     * @param failure the failure
     * @return true when rate limited
     */
    static boolean rateLimited(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RateLimitException || t instanceof HttpException h && h.statusCode() == 429) {
                return true;
            }
        }
        return false;
    }

    /**
     * The wait a rate-limited failure asks for, read from its messages ("retry after 1 s", "Retry-After: 2").
     *
     * @param failure the failure
     * @return the wait in milliseconds, or empty when no message names one
     */
    static OptionalLong retryAfterMillis(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() == null) {
                continue;
            }
            Matcher m = RETRY_AFTER.matcher(t.getMessage());
            if (m.find()) {
                double value = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
                return OptionalLong.of(Math.round(unit.startsWith("m") ? value : value * 1000));
            }
        }
        return OptionalLong.empty();
    }
}

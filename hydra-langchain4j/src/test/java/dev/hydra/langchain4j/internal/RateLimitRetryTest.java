package dev.hydra.langchain4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.LlmException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitRetryTest {

    private final List<Long> waits = new ArrayList<>();
    private final RateLimitRetry.Sleeper recording = waits::add;

    /** Rate limited {@code times} times with the given message, then "ok". */
    private static java.util.function.Supplier<String> limited(int times, String message, AtomicInteger calls) {
        return () -> {
            if (calls.getAndIncrement() < times) {
                throw new RateLimitException(message);
            }
            return "ok";
        };
    }

    @Test
    void should_read_the_wait_a_provider_asks_for() {
        assertEquals(OptionalLong.of(1000), RateLimitRetry.retryAfterMillis(
                new RateLimitException("Rate limit reached, retry after 1 s")));
        assertEquals(OptionalLong.of(2000), RateLimitRetry.retryAfterMillis(new HttpException(429, "Retry-After: 2")));
        assertEquals(OptionalLong.of(250), RateLimitRetry.retryAfterMillis(
                new IllegalStateException("wrapped", new RateLimitException("please retry after 250 ms"))));
        assertEquals(OptionalLong.empty(), RateLimitRetry.retryAfterMillis(new RateLimitException("slow down")));
    }

    @Test
    void should_tell_a_rate_limit_from_other_failures() {
        assertTrue(RateLimitRetry.rateLimited(new RateLimitException("x")));
        assertTrue(RateLimitRetry.rateLimited(new IllegalStateException(new HttpException(429, "x"))));
        assertFalse(RateLimitRetry.rateLimited(new HttpException(500, "x")));
        assertFalse(RateLimitRetry.rateLimited(new IllegalStateException("x")));
    }

    @Test
    void should_retry_after_the_providers_wait_when_it_fits_before_the_deadline() {
        // given
        AtomicInteger calls = new AtomicInteger();

        // when
        String result = new RateLimitRetry(2, recording).call(limited(2, "retry after 1 s", calls),
                System.nanoTime() + Duration.ofMinutes(1).toNanos(), Duration.ofMinutes(1));

        // then
        assertEquals("ok", result);
        assertEquals(3, calls.get());
        assertEquals(List.of(1000L, 1000L), waits);
    }

    @Test
    void should_back_off_doubling_when_the_provider_names_no_wait() {
        // given
        AtomicInteger calls = new AtomicInteger();

        // when
        new RateLimitRetry(3, recording).call(limited(3, "slow down", calls), Long.MAX_VALUE, null);

        // then
        assertEquals(List.of(500L, 1000L, 2000L), waits);
    }

    @Test
    void should_drop_a_call_whose_retry_would_end_after_the_deadline_without_waiting() {
        // given: the provider asks for 1 s, the request has 800 ms
        AtomicInteger calls = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofMillis(800).toNanos();

        // when
        LlmException e = assertThrows(LlmException.class, () -> new RateLimitRetry(2, recording)
                .call(limited(1, "Rate limit reached, retry after 1 s", calls), deadline, Duration.ofMillis(800)));

        // then
        assertTrue(e.getMessage().contains("would end after the request's deadline of 800 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("dropped"), e.getMessage());
        assertTrue(waits.isEmpty(), "no wait that cannot help");
        assertEquals(1, calls.get());
        assertTrue(RateLimitRetry.rateLimited(e.getCause()));
    }

    @Test
    void should_give_up_once_the_retries_are_spent_and_say_how_to_allow_more() {
        // given
        AtomicInteger calls = new AtomicInteger();

        // when
        LlmException e = assertThrows(LlmException.class, () -> new RateLimitRetry(1, recording)
                .call(limited(5, "retry after 1 s", calls), Long.MAX_VALUE, null));

        // then
        assertTrue(e.getMessage().contains("raise rateLimitRetries, now 1"), e.getMessage());
        assertEquals(2, calls.get());
    }

    @Test
    void should_pass_other_failures_through_at_once() {
        // given
        IllegalStateException broken = new IllegalStateException("server broke");

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RateLimitRetry(2, recording).call(() -> {
                    throw broken;
                }, Long.MAX_VALUE, null));

        // then
        assertSame(broken, e);
        assertTrue(waits.isEmpty());
    }

    @Test
    void should_refuse_a_negative_retry_count_naming_the_setting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RateLimitRetry(-1, recording));
        assertTrue(e.getMessage().contains("rateLimitRetries must be >= 0"), e.getMessage());
    }
}

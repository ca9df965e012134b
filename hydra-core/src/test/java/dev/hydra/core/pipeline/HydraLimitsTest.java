package dev.hydra.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HydraException;
import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.core.task.ChatTask;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Hostile load: 10,000 concurrent requests for one user, and a 1 MB query, meet a limit and a clear error. */
class HydraLimitsTest {

    private static final UserId FLOODER = UserId.of("flooder");
    private static final int REQUESTS = 10_000;
    private static final int LIMIT = 16;

    private final CountDownLatch release = new CountDownLatch(1);
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.builder().recordPrompts(false).fallback((p, i) -> {
        if (p.turns().get(p.turns().size() - 1).text().contains("flood")) {
            await(release);
        }
        return "an answer";
    }).build();

    private Hydra.Builder hydra() {
        return Hydra.builder().backend(llm).task(new ChatTask()).config(new HydraConfig(0, 0, 1, 0.0, 16, 42));
    }

    @Test
    void should_refuse_a_users_requests_over_the_in_flight_limit_at_once_and_serve_the_others() throws Exception {
        // given
        Hydra hydra = hydra().maxInFlightPerUser(LIMIT).build();
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch refusals = new CountDownLatch(REQUESTS - LIMIT);
        ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(64,
                r -> new Thread(r, "flood-" + threads.incrementAndGet()));
        try {
            // when: 10,000 requests of one user while the black box holds the first ones
            for (int i = 0; i < REQUESTS; i++) {
                pool.execute(() -> {
                    try {
                        hydra.personalize(new Query(FLOODER, "flood me", "chat"));
                        answered.incrementAndGet();
                    } catch (HydraException e) {
                        if (e.getMessage().contains("maxInFlightPerUser") && e.getMessage().contains(FLOODER.value())) {
                            refusals.countDown();
                        } else {
                            other.add(e);
                        }
                    } catch (RuntimeException | Error e) {
                        other.add(e);
                    }
                });
            }
            boolean refusedInTime = refusals.await(120, TimeUnit.SECONDS);
            String another = hydra.personalize(new Query(UserId.of("someone else"), "hello", "chat")).answer();
            release.countDown();
            pool.shutdown();
            boolean ended = pool.awaitTermination(120, TimeUnit.SECONDS);
            // then
            assertTrue(refusedInTime, "every request over the limit is refused at once");
            assertEquals("an answer", another, "another user is served during the flood");
            assertTrue(ended, "no request hangs");
            assertEquals(List.of(), List.copyOf(other));
            assertEquals(LIMIT, answered.get());
            assertEquals(0, hydra.inFlightUsers(), "no user's count is left behind");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void should_refuse_a_1_mb_query_naming_the_limit_unless_it_is_raised() {
        // given
        String huge = "x".repeat(1 << 20);
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hydra().build().personalize(new Query(FLOODER, huge, "chat")));
        // then
        assertTrue(e.getMessage().contains("1048576 characters") && e.getMessage().contains("maxQueryChars"),
                e.getMessage());
        assertEquals(0, llm.calls());
        assertEquals("an answer", hydra().maxQueryChars(0).build().personalize(new Query(FLOODER, huge, "chat"))
                .answer());
    }

    @Test
    void should_refuse_negative_limits_naming_them() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hydra.builder().maxInFlightPerUser(-1));
        assertTrue(e.getMessage().contains("maxInFlightPerUser must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Hydra.builder().maxQueryChars(-1));
        assertTrue(e.getMessage().contains("maxQueryChars must be >= 0"), e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the black box");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

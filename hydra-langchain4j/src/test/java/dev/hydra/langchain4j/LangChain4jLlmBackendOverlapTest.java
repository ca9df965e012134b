package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend hands each candidate over as its sample completes, retries 429s and keeps the request's deadline. */
class LangChain4jLlmBackendOverlapTest {

    private static final Prompt PROMPT = Prompt.ofUser("title for my post");
    private static final long WAIT_SECONDS = 10;

    /** Released when a test ends, so that no call it blocked outlives it. */
    private final CountDownLatch testOver = new CountDownLatch(1);
    private LangChain4jLlmBackend backend;

    @AfterEach
    void close() throws Exception {
        testOver.countDown();
        if (backend != null) {
            backend.close();
        }
    }

    /** Answers each call with what {@code answer} gives for its arrival order (0, 1, ...). */
    private static ChatModel scripted(Function<Integer, String> answer) {
        AtomicInteger calls = new AtomicInteger();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return Fixtures.answer(answer.apply(calls.getAndIncrement()));
            }
        };
    }

    private static boolean await(CountDownLatch latch) {
        return Latches.opened(latch, WAIT_SECONDS);
    }

    @Test
    void should_hand_over_a_candidate_as_soon_as_its_sample_completes_while_the_others_run() {
        // given: the first call answers at once; the others answer only once a candidate was handed over
        CountDownLatch handedOver = new CountDownLatch(1);
        List<Candidate> received = new CopyOnWriteArrayList<>();
        backend = LangChain4jLlmBackend.builder().chatModel(scripted(i -> i == 0 ? "first"
                : await(handedOver) ? "after" : "not handed over")).concurrency(3).build();

        // when
        Generation g = backend.generate(PROMPT, new Sampling(3, 1.0, 32, 7), c -> {
            received.add(c);
            handedOver.countDown();
        });

        // then
        assertEquals(3, g.candidates().size());
        assertEquals(List.of("after", "after", "first"),
                g.candidates().stream().map(Candidate::text).sorted().toList());
        assertEquals(3, received.size(), "each candidate handed over once");
        assertEquals(java.util.Set.copyOf(g.candidates()), java.util.Set.copyOf(received));
    }

    @Test
    void should_drop_and_report_the_samples_that_miss_the_deadline_and_answer_with_the_rest() {
        // given: one call answers, the other two hang until the test ends
        backend = LangChain4jLlmBackend.builder().chatModel(scripted(i -> {
            if (i > 0) {
                await(testOver);
            }
            return "on time";
        })).concurrency(3).deadline(Duration.ofMillis(300)).build();

        // when
        Generation g = backend.generate(PROMPT, new Sampling(3, 1.0, 32, 7));

        // then
        assertEquals(List.of("on time"), g.candidates().stream().map(Candidate::text).toList());
        assertEquals(2, g.failures().size());
        for (SampleFailure f : g.failures()) {
            assertTrue(f.timedOut(), f.toString());
            assertTrue(f.reason().contains("missed the request's deadline of 300 ms: dropped"), f.reason());
        }
    }

    @Test
    void should_retry_a_rate_limited_sample_after_the_wait_the_provider_asks_for() {
        // given: the first attempt is limited with a short Retry-After
        backend = LangChain4jLlmBackend.builder().chatModel(scripted(i -> {
            if (i == 0) {
                throw new RateLimitException("Rate limit reached, retry after 1 ms");
            }
            return "retried";
        })).deadline(Duration.ofMinutes(1)).build();

        // when
        Generation g = backend.generate(PROMPT, new Sampling(1, 1.0, 32, 7));

        // then
        assertEquals(List.of("retried"), g.candidates().stream().map(Candidate::text).toList());
        assertTrue(g.failures().isEmpty());
    }

    @Test
    void should_drop_a_rate_limited_sample_whose_retry_cannot_end_before_the_deadline() {
        // given: the provider asks for 1 s, the request has 500 ms; the other sample answers
        backend = LangChain4jLlmBackend.builder().chatModel(scripted(i -> {
            if (i == 0) {
                throw new RateLimitException("Rate limit reached, retry after 1 s");
            }
            return "answered";
        })).concurrency(1).deadline(Duration.ofMillis(500)).build();

        // when
        Generation g = backend.generate(PROMPT, new Sampling(2, 1.0, 32, 7));

        // then
        assertEquals(List.of("answered"), g.candidates().stream().map(Candidate::text).toList());
        assertEquals(1, g.failures().size());
        assertTrue(g.failures().get(0).reason().contains("would end after the request's deadline of 500 ms"),
                g.failures().get(0).reason());
    }

    @Test
    void should_refuse_a_deadline_that_is_not_positive_naming_the_setting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LangChain4jLlmBackend.builder().deadline(Duration.ZERO));
        assertTrue(e.getMessage().contains("deadline must be positive"), e.getMessage());
    }

    @Test
    void should_fail_the_request_only_when_every_sample_was_dropped() {
        // given
        backend = LangChain4jLlmBackend.builder().chatModel(scripted(i -> {
            throw new RateLimitException("retry after 5 s");
        })).deadline(Duration.ofMillis(500)).build();

        // when
        LlmException e = assertThrows(LlmException.class,
                () -> backend.generate(PROMPT, new Sampling(2, 1.0, 32, 7)));

        // then
        assertTrue(e.getMessage().contains("all 2 samples failed"), e.getMessage());
        assertTrue(e.getMessage().contains("deadline of 500 ms"), e.getMessage());
    }
}

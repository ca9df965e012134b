package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.NotPersonalizedReason;
import dev.hydra.langchain4j.HydraStreamingChatModelTest.FakeStreamingModel;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The streaming decorator reports how long its caller waited for the first token. */
class HydraTimeToFirstTokenTest {

    private final InMemoryHistoryStore store = Fixtures.store();
    private HydraStreamingChatModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /** Records when the caller saw its first token, by its own clock, and the complete response. */
    private static final class Timing implements StreamingChatResponseHandler {
        final AtomicLong firstSeen = new AtomicLong();
        final AtomicReference<ChatResponse> complete = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onPartialResponse(String partial) {
            firstSeen.compareAndSet(0, System.nanoTime());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            complete.set(response);
            done.countDown();
        }

        @Override
        public void onError(Throwable error) {
            done.countDown();
        }

        HydraChatResponseMetadata await() throws InterruptedException {
            assertTrue(done.await(30, TimeUnit.SECONDS), "no complete response within 30 s");
            return (HydraChatResponseMetadata) complete.get().metadata();
        }
    }

    private static ChatRequest request(boolean withUser) {
        ChatRequest.Builder b = ChatRequest.builder().messages(UserMessage.from("title for my post on bike brakes"));
        return withUser ? b.parameters(HydraChatRequestParameters.builder().userId("alice").build()).build()
                : b.build();
    }

    /** What the decorator measured lies within what its caller measured around it: from before the call to the
     * first token it saw. */
    private static void assertWithinCallersWait(HydraChatResponseMetadata meta, long before, Timing handler) {
        Duration ttft = meta.timeToFirstToken().orElseThrow(() -> new AssertionError("no time to first token"));
        assertTrue(ttft.toNanos() > 0, ttft.toString());
        assertTrue(ttft.toNanos() <= handler.firstSeen.get() - before,
                ttft + " is longer than the caller's own wait " + (handler.firstSeen.get() - before) + " ns");
    }

    @Test
    void should_report_the_wait_for_the_chosen_answer_of_n_samples() throws Exception {
        model = HydraStreamingChatModel.builder().delegate(new FakeStreamingModel(i -> "answer " + i))
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(Fixtures.firstSampleAdapter())).build();
        Timing handler = new Timing();
        long before = System.nanoTime();
        model.chat(request(true), handler);
        HydraChatResponseMetadata meta = handler.await();
        assertTrue(meta.personalized());
        assertWithinCallersWait(meta, before, handler);
    }

    @Test
    void should_report_the_wait_for_the_delegates_first_token_with_one_sample_and_when_passed_through()
            throws Exception {
        model = HydraStreamingChatModel.builder().delegate(new FakeStreamingModel(i -> "brakes that bite back"))
                .hydra(Fixtures.pipeline(store, 1, 1.0)).build();
        for (boolean withUser : new boolean[] {true, false}) {
            Timing handler = new Timing();
            long before = System.nanoTime();
            model.chat(request(withUser), handler);
            HydraChatResponseMetadata meta = handler.await();
            assertEquals(withUser ? Optional.empty() : Optional.of(NotPersonalizedReason.NO_USER),
                    meta.notPersonalizedReason());
            assertWithinCallersWait(meta, before, handler);
        }
    }

    @Test
    void should_keep_the_time_through_to_builder_and_reject_a_negative_one() {
        HydraChatResponseMetadata meta = HydraChatResponseMetadata.builder()
                .notPersonalizedReason(NotPersonalizedReason.NO_USER).timeToFirstToken(Duration.ofMillis(42)).build();
        assertEquals(meta, meta.toBuilder().build());
        assertEquals(Optional.of(Duration.ofMillis(42)), meta.toBuilder().build().timeToFirstToken());
        assertTrue(meta.toString().contains("timeToFirstToken=PT0.042S"), meta.toString());
        assertEquals(Optional.empty(), HydraChatResponseMetadata.builder()
                .notPersonalizedReason(NotPersonalizedReason.NO_USER).build().timeToFirstToken());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HydraChatResponseMetadata.builder().timeToFirstToken(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("timeToFirstToken must not be negative"), e.getMessage());
    }
}

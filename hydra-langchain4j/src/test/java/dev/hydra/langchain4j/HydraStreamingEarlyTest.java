package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With N > 1, the first sample whose score alone clears the threshold is streamed before the slowest ends. */
class HydraStreamingEarlyTest {

    private static final long WAIT_SECONDS = 10;

    private final InMemoryHistoryStore store = Fixtures.store();
    private final CountDownLatch firstToken = new CountDownLatch(1);
    private final List<String> partials = new CopyOnWriteArrayList<>();
    private volatile ChatResponse complete;
    private volatile Throwable error;
    private final CountDownLatch done = new CountDownLatch(1);
    private HydraStreamingChatModel model;

    @AfterEach
    void close() {
        firstToken.countDown();
        if (model != null) {
            model.close();
        }
    }

    private final StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
        @Override
        public void onPartialResponse(String partial) {
            partials.add(partial);
            firstToken.countDown();
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            complete = response;
            done.countDown();
        }

        @Override
        public void onError(Throwable e) {
            error = e;
            done.countDown();
        }
    };

    /**
     * The first call streams {@code first} at once; the others stream {@code later} only once the caller got its
     * first token (or after the wait, when nothing was streamed early), and record whether it came first.
     */
    private static final class GatedModel implements StreamingChatModel {
        final List<Boolean> sawFirstToken = new CopyOnWriteArrayList<>();
        private final AtomicInteger calls = new AtomicInteger();
        private final String first;
        private final String later;
        private final CountDownLatch gate;
        private final long waitSeconds;

        GatedModel(String first, String later, CountDownLatch gate, long waitSeconds) {
            this.first = first;
            this.later = later;
            this.gate = gate;
            this.waitSeconds = waitSeconds;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            boolean isFirst = calls.getAndIncrement() == 0;
            new Thread(() -> {
                if (!isFirst) {
                    try {
                        sawFirstToken.add(gate.await(waitSeconds, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String answer = isFirst ? first : later;
                handler.onPartialResponse(answer);
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build());
            }).start();
        }
    }

    private static Adapter table(Map<String, Double> scores) {
        return new Adapter() {
            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                return candidates.stream().map(c -> new Scored<>(c, scores.getOrDefault(c.text(), 0.0))).toList();
            }

            @Override
            public String name() {
                return "table";
            }
        };
    }

    private static ChatRequest forAlice() {
        return ChatRequest.builder().messages(UserMessage.from("title for my post on bike brakes"))
                .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build();
    }

    @Test
    void should_stream_the_first_sample_that_clears_the_threshold_before_the_others_complete() throws Exception {
        // given: "good" clears 0.5 alone and comes first; the others ("best", 0.9) wait for the first token
        GatedModel delegate = new GatedModel("good", "best", firstToken, WAIT_SECONDS);
        model = HydraStreamingChatModel.builder().delegate(delegate).streamFirstAbove(0.5)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(table(Map.of("good", 0.6, "best", 0.9)))).build();

        // when
        model.chat(forAlice(), handler);

        // then
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNull(error);
        assertEquals(List.of(true, true), delegate.sawFirstToken, "the first token came before the other samples");
        assertEquals(List.of("good"), partials, "streamed once");
        assertEquals("good", complete.aiMessage().text(), "the streamed answer is the answer");
        HydraChatResponseMetadata meta = (HydraChatResponseMetadata) complete.metadata();
        assertEquals(3, meta.answers().size(), "the evidence holds every sample");
    }

    @Test
    void should_stream_the_pools_best_once_all_are_done_when_none_clears_the_threshold() throws Exception {
        // given: nothing reaches 0.95; the others' wait ends at once (nothing is streamed early)
        CountDownLatch never = new CountDownLatch(1);
        GatedModel delegate = new GatedModel("good", "best", never, 0);
        model = HydraStreamingChatModel.builder().delegate(delegate).streamFirstAbove(0.95)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(table(Map.of("good", 0.6, "best", 0.9)))).build();

        // when
        model.chat(forAlice(), handler);

        // then
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNull(error);
        assertEquals(List.of("best"), partials);
        assertEquals("best", complete.aiMessage().text());
    }

    @Test
    void should_refuse_a_threshold_that_is_not_a_number() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HydraStreamingChatModel.builder().streamFirstAbove(Double.NaN));
        assertTrue(e.getMessage().contains("streamFirstAbove threshold is NaN"), e.getMessage());
    }
}

package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.LlmException;
import dev.hydra.api.UserId;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HydraStreamingChatModelTest {

    private static final String QUERY = "title for my post on bike brakes";

    private final InMemoryHistoryStore store = Fixtures.store();
    private HydraStreamingChatModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /** Streams the i-th call's answer word by word on another thread, or fails when the answer is null. */
    static final class FakeStreamingModel implements StreamingChatModel {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        private final IntFunction<String> answers;
        private final AtomicInteger calls = new AtomicInteger();

        FakeStreamingModel(IntFunction<String> answers) {
            this.answers = answers;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            requests.add(request);
            String answer = answers.apply(calls.getAndIncrement());
            new Thread(() -> {
                if (answer == null) {
                    handler.onError(new IllegalStateException("stream broke"));
                    return;
                }
                for (String word : answer.split("(?<= )")) {
                    handler.onPartialResponse(word);
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build());
            }).start();
        }
    }

    /** Records what a caller's handler receives. */
    static final class Recording implements StreamingChatResponseHandler {
        final List<String> partials = new CopyOnWriteArrayList<>();
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        volatile ChatResponse complete;
        volatile Throwable error;

        @Override
        public void onPartialResponse(String partial) {
            partials.add(partial);
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

        /** Waits for the complete response or the error: a streamed request ends on another thread. */
        void await() {
            try {
                assertTrue(done.await(30, java.util.concurrent.TimeUnit.SECONDS), "the stream never ended");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static ChatRequest forAlice() {
        return ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build();
    }

    @Test
    void should_stream_the_delegates_tokens_through_with_one_sample_and_the_callers_parameters() {
        // given
        FakeStreamingModel delegate = new FakeStreamingModel(i -> "Brakes that bite back");
        model = HydraStreamingChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 8, 1.0)).build();
        Recording handler = new Recording();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("alice").temperature(0.5).maxOutputTokens(500)
                        .build())
                .build();
        // when
        model.chat(request, handler);
        handler.await();
        // then
        assertEquals(List.of("Brakes ", "that ", "bite ", "back"), handler.partials);
        assertEquals("Brakes that bite back", handler.complete.aiMessage().text());
        assertInstanceOf(HydraChatResponseMetadata.class, handler.complete.metadata());
        assertNull(handler.error);
        ChatRequest seen = delegate.requests.get(0);
        assertEquals(5, seen.messages().size());
        assertEquals("Tyre-rific rides ahead!", ((AiMessage) seen.messages().get(1)).text());
        assertEquals(0.5, seen.temperature());
        assertEquals(500, seen.maxOutputTokens());
        assertEquals(1, delegate.requests.size(), "no adapter: one call");
        assertFalse(seen.toString().contains("alice"), seen.toString());
    }

    @Test
    void should_draw_n_candidates_and_stream_the_chosen_one_as_one_partial() {
        // given
        FakeStreamingModel delegate = new FakeStreamingModel(i -> "answer " + i);
        model = HydraStreamingChatModel.builder().delegate(delegate)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(Fixtures.firstSampleAdapter())).build();
        Recording handler = new Recording();
        // when
        model.chat(forAlice(), handler);
        handler.await();
        // then
        assertEquals(3, delegate.requests.size());
        assertEquals(1, handler.partials.size());
        assertEquals(handler.partials.get(0), handler.complete.aiMessage().text());
        HydraChatResponseMetadata meta = (HydraChatResponseMetadata) handler.complete.metadata();
        assertEquals(3, meta.answers().size());
        assertEquals(java.util.Optional.of(UserId.of("alice")), meta.userId());
        assertEquals(3, meta.delegateCalls());
        delegate.requests.forEach(r -> assertSame(DefaultChatRequestParameters.class, r.parameters().getClass()));
    }

    @Test
    void should_send_a_failed_stream_to_on_error() {
        // given
        FakeStreamingModel delegate = new FakeStreamingModel(i -> null);
        model = HydraStreamingChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 1, 1.0)).build();
        Recording single = new Recording();
        Recording many = new Recording();
        // when
        model.chat(forAlice(), single);
        try (HydraStreamingChatModel eight = HydraStreamingChatModel.builder().delegate(delegate)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(Fixtures.firstSampleAdapter())).build()) {
            eight.chat(forAlice(), many);
            many.await();
        }
        single.await();
        // then
        assertInstanceOf(LlmException.class, single.error);
        assertTrue(single.error.getMessage().contains("stream broke"), single.error.getMessage());
        assertNull(single.complete);
        assertInstanceOf(LlmException.class, many.error);
        assertNull(many.complete);
        assertEquals(List.of(), many.partials);
    }

    @Test
    void should_send_an_invalid_user_id_to_on_error() {
        // given
        FakeStreamingModel delegate = new FakeStreamingModel(i -> "x");
        model = HydraStreamingChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 1, 1.0)).build();
        UserMessage tagged = UserMessage.builder().addContent(dev.langchain4j.data.message.TextContent.from(QUERY))
                .attributes(java.util.Map.of("hydra.userId", "a\tb")).build();
        Recording handler = new Recording();
        // when
        model.chat(ChatRequest.builder().messages(tagged).build(), handler);
        handler.await();
        // then
        assertInstanceOf(IllegalArgumentException.class, handler.error);
        assertTrue(handler.error.getMessage().contains("\"a\\u0009b\""), handler.error.getMessage());
        assertEquals(List.of(), delegate.requests);
    }

    @Test
    void should_pass_a_request_without_user_through_to_the_delegates_stream() throws Exception {
        // given
        FakeStreamingModel delegate = new FakeStreamingModel(i -> "plain answer");
        model = HydraStreamingChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 3, 1.0)).build();
        Recording handler = new Recording();
        // when
        model.chat(ChatRequest.builder().messages(UserMessage.from(QUERY)).build(), handler);
        handler.await();
        // then
        assertEquals(1, delegate.requests.size());
        assertEquals(1, delegate.requests.get(0).messages().size());
        assertEquals(List.of("plain ", "answer"), handler.partials);
        HydraChatResponseMetadata meta = (HydraChatResponseMetadata) handler.complete.metadata();
        assertEquals(java.util.Optional.of(dev.hydra.api.NotPersonalizedReason.NO_USER), meta.notPersonalizedReason());
        assertEquals(1, meta.delegateCalls());
    }
}

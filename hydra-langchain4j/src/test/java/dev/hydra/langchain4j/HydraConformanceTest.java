package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What LangChain4j's conformance suites expect of the decorators, with scripted delegates: a delegate's
 * {@link UnsupportedFeatureException} reaches the caller as it is, the chosen answer's finish reason is reported, and
 * what a streaming handler throws goes to its own {@code onError}.
 */
class HydraConformanceTest {

    private static final String QUERY = "title for my post on bike brakes";

    private final InMemoryHistoryStore store = Fixtures.store();
    private AutoCloseable model;

    @AfterEach
    void close() throws Exception {
        if (model != null) {
            model.close();
        }
    }

    private static ChatRequest forAlice() {
        return ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build();
    }

    private HydraChatModel chatModel(ChatModel delegate, int n) {
        HydraChatModel built = HydraChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, n, 0.7)
                .adapter(Fixtures.firstSampleAdapter())).build();
        model = built;
        return built;
    }

    @Test
    void should_throw_the_delegates_unsupported_feature_exception_itself() {
        // given
        UnsupportedFeatureException rejected = new UnsupportedFeatureException("modelName 'x' is not supported");
        ChatModel delegate = mock(ChatModel.class);
        when(delegate.chat(any(ChatRequest.class))).thenThrow(rejected);
        // when
        UnsupportedFeatureException thrown = assertThrows(UnsupportedFeatureException.class,
                () -> chatModel(delegate, 3).chat(forAlice()));
        // then
        assertSame(rejected, thrown);
    }

    @Test
    void should_report_the_finish_reason_of_the_chosen_sample() {
        // given: the adapter chooses sample 0, which ran out of tokens; the others stopped
        ChatModel delegate = mock(ChatModel.class);
        when(delegate.chat(any(ChatRequest.class))).thenAnswer(call -> {
            ChatRequest request = call.getArgument(0);
            boolean greedy = request.temperature() == 0.0; // sample 0 is the greedy call
            return ChatResponse.builder().aiMessage(AiMessage.from(greedy ? "Brake" : "Brakes!"))
                    .tokenUsage(new TokenUsage(10, 2))
                    .finishReason(greedy ? FinishReason.LENGTH : FinishReason.STOP).build();
        });
        // when
        ChatResponse response = chatModel(delegate, 3).chat(forAlice());
        // then
        assertEquals("Brake", response.aiMessage().text());
        assertEquals(FinishReason.LENGTH, response.finishReason());
    }

    @Test
    void should_report_the_finish_reason_of_the_one_call_when_nothing_chooses() {
        // given
        ChatModel delegate = mock(ChatModel.class);
        when(delegate.chat(any(ChatRequest.class))).thenReturn(ChatResponse.builder()
                .aiMessage(AiMessage.from("Brakes that")).finishReason(FinishReason.LENGTH).build());
        HydraChatModel built = HydraChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 1, 0.7))
                .build();
        model = built;
        // when
        ChatResponse response = built.chat(forAlice());
        // then
        assertEquals(FinishReason.LENGTH, response.finishReason());
    }

    /**
     * A streaming delegate that rejects every request at once, as providers do: by throwing, or through the handler's
     * {@code onError} before its {@code chat} returns.
     */
    private static final class RejectingStreamingModel implements StreamingChatModel {

        private final UnsupportedFeatureException rejection;
        private final boolean throughOnError;

        RejectingStreamingModel(UnsupportedFeatureException rejection, boolean throughOnError) {
            this.rejection = rejection;
            this.throughOnError = throughOnError;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            if (throughOnError) {
                handler.onError(rejection);
                return;
            }
            throw rejection;
        }
    }

    @ParameterizedTest(name = "N = {0}, rejected through onError: {1}")
    @CsvSource({"1, false", "3, false", "1, true", "3, true"})
    void should_throw_the_streaming_delegates_unsupported_feature_exception_at_once(int n, boolean throughOnError) {
        // given: with N = 3 every sample's call is rejected, on the sample threads, and still reaches the caller
        UnsupportedFeatureException rejected = new UnsupportedFeatureException("modelName 'x' is not supported");
        HydraStreamingChatModel streaming = HydraStreamingChatModel.builder()
                .delegate(new RejectingStreamingModel(rejected, throughOnError))
                .hydra(Fixtures.pipeline(store, n, 0.7).adapter(Fixtures.firstSampleAdapter())).build();
        model = streaming;
        HydraStreamingChatModelTest.Recording handler = new HydraStreamingChatModelTest.Recording();
        // when
        UnsupportedFeatureException thrown = assertThrows(UnsupportedFeatureException.class,
                () -> streaming.chat(forAlice(), handler));
        // then
        assertSame(rejected, thrown);
        assertEquals(null, handler.error);
    }

    @Test
    void should_hand_what_the_streaming_handler_throws_to_its_on_error_and_still_complete() throws Exception {
        // given: the handler throws at every partial response
        HydraStreamingChatModel streaming = HydraStreamingChatModel.builder()
                .delegate(new HydraStreamingChatModelTest.FakeStreamingModel(i -> "Brakes that bite back"))
                .hydra(Fixtures.pipeline(store, 1, 0.7)).build();
        model = streaming;
        RuntimeException bug = new IllegalStateException("user code");
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<ChatResponse> completes = new CopyOnWriteArrayList<>();
        // the stream ends on another thread: wait for the five errors expected (four words, the complete response)
        java.util.concurrent.CountDownLatch fiveErrors = new java.util.concurrent.CountDownLatch(5);
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                throw bug;
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                completes.add(response);
                throw bug;
            }

            @Override
            public void onError(Throwable error) {
                errors.add(error);
                fiveErrors.countDown();
                throw new IllegalStateException("onError's own bug, ignored");
            }
        };
        // when
        streaming.chat(forAlice(), handler);
        fiveErrors.await(30, java.util.concurrent.TimeUnit.SECONDS); // fewer are reported below
        // then: four words streamed, each one's exception and the complete response's went to onError
        assertEquals(1, completes.size());
        assertEquals("Brakes that bite back", completes.get(0).aiMessage().text());
        assertEquals(5, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(error -> error == bug), errors.toString());
    }
}

package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LlamaCppStreamingChatModel} on {@link TinyLlama}, whose greedy answers are known in advance. */
class LlamaCppStreamingChatModelTest {

    private static final String PROMPT = "abc";

    @TempDir
    static Path dir;

    private static LlamaCppChatModel model;
    private static LlamaCppStreamingChatModel streaming;

    @BeforeAll
    static void load() {
        model = TinyLlama.builder(dir).build();
        streaming = LlamaCppStreamingChatModel.builder().model(model).build();
    }

    @AfterAll
    static void close() {
        streaming.close();
        model.close();
    }

    private static ChatRequest greedy(int maxTokens) {
        return ChatRequest.builder().messages(UserMessage.from(PROMPT))
                .parameters(ChatRequestParameters.builder().temperature(0.0).maxOutputTokens(maxTokens).build())
                .build();
    }

    /** Records the callbacks, their threads, and the end of the stream. */
    private static class Recorder implements StreamingChatResponseHandler {

        final List<String> pieces = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final Set<Thread> threads = new CopyOnWriteArraySet<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String piece) {
            threads.add(Thread.currentThread());
            pieces.add(piece);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            threads.add(Thread.currentThread());
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            threads.add(Thread.currentThread());
            errors.add(error);
            done.completeExceptionally(error);
        }
    }

    @Test
    void should_stream_the_chat_models_answer_piece_by_piece_on_its_own_thread() throws Exception {
        // given
        Recorder recorder = new Recorder();
        // when
        streaming.chat(greedy(12), recorder);
        ChatResponse response = recorder.done.get(60, TimeUnit.SECONDS);
        // then
        assertEquals(TinyLlama.greedyContinuation(PROMPT, 12), String.join("", recorder.pieces));
        assertTrue(recorder.pieces.size() > 1, recorder.pieces.toString());
        assertEquals(model.chat(greedy(12)).aiMessage().text(), response.aiMessage().text());
        assertEquals(FinishReason.LENGTH, response.finishReason());
        assertEquals(1, recorder.threads.size());
        assertNotSame(Thread.currentThread(), recorder.threads.iterator().next());
    }

    @Test
    void should_reject_an_unsupported_request_at_once_on_the_calling_thread() {
        // given
        ChatRequest json = ChatRequest.builder().messages(UserMessage.from(PROMPT))
                .parameters(ChatRequestParameters.builder().responseFormat(ResponseFormat.JSON).build()).build();
        Recorder recorder = new Recorder();
        // when
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> streaming.chat(json, recorder));
        // then
        assertTrue(e.getMessage().startsWith("JSON response format is not supported"), e.getMessage());
        assertTrue(recorder.pieces.isEmpty() && recorder.errors.isEmpty());
    }

    @Test
    void should_hand_what_the_handler_throws_to_its_on_error_and_go_on() throws Exception {
        // given
        RuntimeException bug = new IllegalStateException("user code");
        Recorder recorder = new Recorder() {
            @Override
            public void onPartialResponse(String piece) {
                super.onPartialResponse(piece);
                throw bug;
            }

            @Override
            public void onError(Throwable error) {
                errors.add(error); // keeps the stream's end for the complete response
            }
        };
        // when
        streaming.chat(greedy(4), recorder);
        ChatResponse response = recorder.done.get(60, TimeUnit.SECONDS);
        // then
        assertEquals(TinyLlama.greedyContinuation(PROMPT, 4), response.aiMessage().text());
        assertEquals(recorder.pieces.size(), recorder.errors.size());
        assertTrue(recorder.errors.stream().allMatch(error -> error == bug), recorder.errors.toString());
    }

    @Test
    void should_stop_a_cancelled_stream_without_a_complete_response() throws Exception {
        // given: cancels at the second piece
        CountDownLatch ended = new CountDownLatch(1);
        Recorder recorder = new Recorder() {
            @Override
            public void onPartialResponse(PartialResponse piece, PartialResponseContext context) {
                onPartialResponse(piece.text());
                if (pieces.size() == 2) {
                    context.streamingHandle().cancel();
                    ended.countDown();
                }
            }
        };
        // when
        streaming.chat(greedy(40), recorder);
        assertTrue(ended.await(60, TimeUnit.SECONDS), "the stream never reached its second piece");
        // then: the next request runs after the cancelled one on the same thread, so once it is done the cancelled
        // stream has ended
        Recorder next = new Recorder();
        streaming.chat(greedy(3), next);
        assertEquals(TinyLlama.greedyContinuation(PROMPT, 3), next.done.get(60, TimeUnit.SECONDS).aiMessage().text());
        assertEquals(2, recorder.pieces.size());
        assertFalse(recorder.done.isDone());
        assertTrue(recorder.errors.isEmpty());
    }

    @Test
    void should_refuse_requests_once_closed_and_tell_the_builder_what_it_needs() {
        // given
        LlamaCppStreamingChatModel closed = LlamaCppStreamingChatModel.builder().model(model).build();
        closed.close();
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.chat(greedy(2),
                new Recorder()));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> LlamaCppStreamingChatModel.builder().build());
        // then
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(missing.getMessage().contains(".model("), missing.getMessage());
    }
}

package dev.hydra.langchain4j.internal;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link StreamingChatModel} seen as a {@link ChatModel}: each call collects the stream and returns its complete
 * response, so the N samples of a request can be drawn like any chat model's. The caller bounds the wait (the
 * sample timeout of the backend); an interrupt ends it.
 *
 * <p>{@link #forRequest} gives the view one streamed request's samples go through: each sample's stream is
 * cancelled through the delegate's own handle (from any partial response, thinking or tool call it streamed) when
 * the request is cancelled, its wait ends then, a sample that starts after the cancel does not call the delegate,
 * and the request counts as accepted once the delegate's {@code chat} returned for any of its samples without
 * rejecting it. The view made by the constructor belongs to no request: nothing cancels it, and it keeps nothing of
 * its calls.
 */
public final class StreamingAsChatModel implements ChatModel {

    private final StreamingChatModel delegate;
    private final RequestStreamingHandle request;
    private final CompletableFuture<Void> accepted;

    /**
     * Wraps a streaming model; its calls belong to no request.
     *
     * @param delegate the streaming model
     */
    public StreamingAsChatModel(StreamingChatModel delegate) {
        this(delegate, null, null);
    }

    private StreamingAsChatModel(StreamingChatModel delegate, RequestStreamingHandle request,
            CompletableFuture<Void> accepted) {
        this.delegate = delegate;
        this.request = request;
        this.accepted = accepted;
    }

    /**
     * The view of one streamed request's samples.
     *
     * @param request the request's handle: cancelling it cancels every sample's stream and ends its wait
     * @param accepted completed once the delegate accepted a sample's call (its {@code chat} returned and had not
     *     rejected the call through {@code onError} before)
     * @return the view
     */
    public StreamingAsChatModel forRequest(RequestStreamingHandle request, CompletableFuture<Void> accepted) {
        return new StreamingAsChatModel(delegate, request, accepted);
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        if (request != null && request.isCancelled()) {
            throw new CancellationException("the request was cancelled before this sample started");
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        delegate.chat(chatRequest, new Collector(done));
        Rejections.throwIfRejected(done); // given through onError before chat returned: thrown all the same
        if (request == null) {
            return await(done);
        }
        accepted.complete(null);
        CompletableFuture<Void> release = request.whenCancelled().thenRun(() -> done.completeExceptionally(
                new CancellationException("the request was cancelled while this sample streamed")));
        try {
            return await(done);
        } finally {
            // a cancel after this sample ended does nothing; the callback lives as long as the request's handle
            release.cancel(false);
        }
    }

    private static ChatResponse await(CompletableFuture<ChatResponse> done) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stream ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Collects one sample's stream, and hands the request the delegate's handle of it. */
    private final class Collector implements StreamingChatResponseHandler {

        private final CompletableFuture<ChatResponse> done;

        Collector(CompletableFuture<ChatResponse> done) {
            this.done = done;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            // collected whole from the complete response
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            adopt(context.streamingHandle());
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            adopt(context.streamingHandle());
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            adopt(context.streamingHandle());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        private void adopt(StreamingHandle stream) {
            if (request != null) {
                request.adopt(stream);
            }
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        ChatRequestParameters p = delegate.defaultRequestParameters();
        return p != null ? p : DefaultChatRequestParameters.EMPTY;
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }
}

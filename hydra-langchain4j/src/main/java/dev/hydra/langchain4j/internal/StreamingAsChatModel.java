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
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link StreamingChatModel} seen as a {@link ChatModel}: each call collects the stream and returns its complete
 * response, so the N samples of a request can be drawn like any chat model's. The caller bounds the wait (the
 * sample timeout of the backend); an interrupt ends it.
 *
 * <p>{@link #forRequest} gives the view one streamed request's samples go through: each sample's stream is
 * cancelled through the delegate's own handle when the request is cancelled, its wait ends then, and the request
 * counts as accepted once the delegate's {@code chat} returned for any of its samples.
 */
public final class StreamingAsChatModel implements ChatModel {

    private final StreamingChatModel delegate;
    private final RequestStreamingHandle request;
    private final CompletableFuture<Void> accepted;

    /**
     * Wraps a streaming model.
     *
     * @param delegate the streaming model
     */
    public StreamingAsChatModel(StreamingChatModel delegate) {
        this(delegate, new RequestStreamingHandle(), new CompletableFuture<>());
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
     * @param accepted completed once the delegate accepted a sample's call (its {@code chat} returned)
     * @return the view
     */
    public StreamingAsChatModel forRequest(RequestStreamingHandle request, CompletableFuture<Void> accepted) {
        return new StreamingAsChatModel(delegate, request, accepted);
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        if (request.isCancelled()) {
            throw new CancellationException("the request was cancelled before this sample started");
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        delegate.chat(chatRequest, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                // collected whole from the complete response
            }

            @Override
            public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
                request.adopt(context.streamingHandle());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        accepted.complete(null);
        request.whenCancelled().thenRun(() -> done.completeExceptionally(
                new CancellationException("the request was cancelled while this sample streamed")));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stream ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
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

package dev.hydra.langchain4j.internal;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link StreamingChatModel} seen as a {@link ChatModel}: each call collects the stream and returns its complete
 * response, so the N samples of a request can be drawn like any chat model's. The caller bounds the wait (the
 * sample timeout of the backend); an interrupt ends it.
 */
public final class StreamingAsChatModel implements ChatModel {

    private final StreamingChatModel delegate;

    /**
     * Wraps a streaming model.
     *
     * @param delegate the streaming model
     */
    public StreamingAsChatModel(StreamingChatModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        delegate.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
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

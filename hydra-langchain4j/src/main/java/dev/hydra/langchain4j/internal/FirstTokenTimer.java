package dev.hydra.langchain4j.internal;

import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times a streamed request's first token: the first {@code onPartialResponse} after the request started, whoever
 * sends it, and writes it into the complete response's {@link HydraChatResponseMetadata#timeToFirstToken()}.
 */
public final class FirstTokenTimer implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler handler;
    private final long startNanos;
    private final AtomicLong firstNanos = new AtomicLong();

    /**
     * Starts timing a request.
     *
     * @param handler the handler that receives the tokens; never {@code null}
     * @param startNanos when the request started, by {@link System#nanoTime()}
     */
    public FirstTokenTimer(StreamingChatResponseHandler handler, long startNanos) {
        this.handler = Objects.requireNonNull(handler, "handler must not be null");
        this.startNanos = startNanos;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        firstNanos.compareAndSet(0, Math.max(startNanos + 1, System.nanoTime()));
        handler.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        firstNanos.compareAndSet(0, Math.max(startNanos + 1, System.nanoTime()));
        handler.onPartialResponse(partialResponse, context);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        long first = firstNanos.get();
        if (first == 0 || !(response.metadata() instanceof HydraChatResponseMetadata metadata)) {
            handler.onCompleteResponse(response);
            return;
        }
        HydraChatResponseMetadata timed = metadata.toBuilder().timeToFirstToken(Duration.ofNanos(first - startNanos))
                .build();
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(response.aiMessage()).metadata(timed).build());
    }

    @Override
    public void onError(Throwable error) {
        handler.onError(error);
    }
}

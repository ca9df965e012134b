package dev.hydra.langchain4j.internal;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's streaming handler, guarded as LangChain4j's providers guard it: an exception thrown by its
 * {@code onPartialResponse} or {@code onCompleteResponse} is handed to its {@code onError} (and the stream goes on),
 * and an exception thrown by {@code onError} is logged and dropped, so that user code never breaks the stream.
 */
public final class GuardedHandler implements StreamingChatResponseHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedHandler.class);

    private final StreamingChatResponseHandler handler;

    /**
     * Guards a handler.
     *
     * @param handler the caller's handler; never {@code null}
     */
    public GuardedHandler(StreamingChatResponseHandler handler) {
        this.handler = java.util.Objects.requireNonNull(handler, "handler must not be null");
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        try {
            handler.onPartialResponse(partialResponse);
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        try {
            handler.onPartialResponse(partialResponse, context);
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        try {
            handler.onCompleteResponse(completeResponse);
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        try {
            handler.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("the streaming handler's onError threw; ignored", e);
        }
    }
}

package dev.hydra.llamacpp;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link StreamingChatModel} over a {@link LlamaCppChatModel}: the same model, prompt, parameters and
 * answers, streamed piece by piece as llama.cpp generates them.
 *
 * <pre>{@code
 * try (LlamaCppChatModel model = LlamaCppChatModel.builder().modelPath(gguf).build();
 *         LlamaCppStreamingChatModel streaming = LlamaCppStreamingChatModel.builder().model(model).build()) {
 *     streaming.chat("Name a colour.", handler);
 * }
 * }</pre>
 *
 * <p>A request for what the model does not support (tools, JSON, images, another model's name) fails at once, on
 * the calling thread, with an {@link dev.langchain4j.exception.UnsupportedFeatureException}; any other request
 * returns at once and its answer streams on this model's own thread (a closed chat model's error too): every
 * callback of one request comes from that thread. An exception thrown by the handler's {@code onPartialResponse} or
 * {@code onCompleteResponse} goes to its {@code onError} (and the stream goes on); one thrown by {@code onError} is
 * logged and dropped. Requests run one after the other, as on the chat model's single slot. A stream is cancelled
 * through the {@link StreamingHandle} of its partial responses' context: generation stops, and neither a complete
 * response nor an error follows. {@link #close()} stops the thread; the chat model is its owner's to close.
 *
 * @since 0.2
 */
public final class LlamaCppStreamingChatModel implements StreamingChatModel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlamaCppStreamingChatModel.class);

    private final LlamaCppChatModel model;
    private final List<ChatModelListener> listeners;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "llamacpp-stream");
        t.setDaemon(true);
        return t;
    });

    private LlamaCppStreamingChatModel(Builder b) {
        this.model = b.model;
        this.listeners = b.listeners;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#model} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the request, then streams its answer on this model's thread.
     *
     * @param request the merged request
     * @param handler receives the pieces, then the complete response, or the error
     * @throws IllegalStateException when this streaming model is closed
     * @throws dev.langchain4j.exception.UnsupportedFeatureException for tools, JSON response formats, images or
     *     another model's name
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        model.check(request);
        try {
            thread.execute(() -> stream(request, handler));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the llama.cpp streaming model is closed", e);
        }
    }

    private void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        Handle handle = new Handle();
        PartialResponseContext context = new PartialResponseContext(handle);
        ChatResponse response;
        try {
            response = model.answer(request, piece -> {
                try {
                    handler.onPartialResponse(new PartialResponse(piece), context);
                } catch (RuntimeException e) {
                    error(handler, e);
                }
                return !handle.isCancelled();
            });
        } catch (RuntimeException e) {
            error(handler, e);
            return;
        }
        if (handle.isCancelled()) {
            return; // cancelled: no complete response
        }
        try {
            handler.onCompleteResponse(response);
        } catch (RuntimeException e) {
            error(handler, e);
        }
    }

    /** Cancels one stream: generation stops after the piece being handled, and no complete response follows. */
    private static final class Handle implements StreamingHandle {

        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() { return cancelled; }
    }

    private static void error(StreamingChatResponseHandler handler, Throwable error) {
        try {
            handler.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("a streaming handler's onError threw; ignored", e);
        }
    }

    /**
     * The chat model's defaults.
     *
     * @return the default parameters
     */
    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return model.defaultRequestParameters();
    }

    /**
     * The listeners given to the builder; LangChain4j's template calls them around each stream.
     *
     * @return the listeners, possibly empty
     */
    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    /**
     * A local model is no hosted provider.
     *
     * @return {@link ModelProvider#OTHER}
     */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /** Stops this model's thread; a running stream is interrupted. The chat model stays open. Idempotent. */
    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** Builds a {@link LlamaCppStreamingChatModel}. */
    public static final class Builder {

        private LlamaCppChatModel model;
        private List<ChatModelListener> listeners = List.of();

        private Builder() {}

        /**
         * The chat model to stream (required); it is not closed with the streaming model.
         *
         * @param model the chat model; never {@code null}
         * @return this builder
         */
        public Builder model(LlamaCppChatModel model) {
            this.model = Objects.requireNonNull(model, "model must not be null");
            return this;
        }

        /**
         * The listeners that see each stream's request, response or error (default none).
         *
         * @param listeners the listeners; never {@code null}
         * @return this builder
         */
        public Builder listeners(List<ChatModelListener> listeners) {
            this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners must not be null"));
            return this;
        }

        /**
         * Builds the streaming model.
         *
         * @return the model; close it to stop its thread
         * @throws IllegalStateException when no chat model was given
         */
        public LlamaCppStreamingChatModel build() {
            if (model == null) {
                throw new IllegalStateException("model is required: LlamaCppStreamingChatModel.builder().model("
                        + "LlamaCppChatModel.builder()...build())");
            }
            return new LlamaCppStreamingChatModel(this);
        }
    }
}

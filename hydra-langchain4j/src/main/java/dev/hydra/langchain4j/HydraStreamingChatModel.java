package dev.hydra.langchain4j;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.langchain4j.internal.HydraRequests;
import dev.hydra.langchain4j.internal.HydraResponses;
import dev.hydra.langchain4j.internal.StreamingAsChatModel;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Personalizes any LangChain4j {@link StreamingChatModel} per user with Hydra, as {@link HydraChatModel} does a
 * {@code ChatModel}; the user is found the same way, and the same requests pass through.
 *
 * <p>With the pipeline's {@code n} = 1 the delegate's tokens stream through as they come (the prompt is the
 * personalized one). With {@code n} > 1 the N candidates are drawn by collecting N streams, the adapter picks one,
 * and the chosen answer comes out as one partial response followed by the complete response. Either way the
 * complete response carries {@link HydraChatResponseMetadata}, and every failure reaches the handler's
 * {@code onError}. A personalized call runs on the calling thread and returns once the handler is done.
 * <b>Thread-safety:</b> safe for concurrent use when the delegate and the pipeline's plugins are.
 *
 * @since 0.1
 */
public final class HydraStreamingChatModel implements StreamingChatModel, AutoCloseable {

    private final StreamingChatModel delegate;
    private final LangChain4jLlmBackend backend;
    private final Hydra hydra;
    private final UserId defaultUser;
    private final List<ChatModelListener> listeners;
    private final Duration sampleTimeout;

    private HydraStreamingChatModel(Builder b) {
        this.delegate = b.delegate;
        this.sampleTimeout = b.sampleTimeout;
        this.backend = LangChain4jLlmBackend.builder().chatModel(new StreamingAsChatModel(b.delegate))
                .name("langchain4j-streaming").concurrency(b.concurrency).sampleTimeout(b.sampleTimeout).build();
        Hydra.Builder pipeline = b.hydra != null ? b.hydra.toBuilder() : b.hydraBuilder;
        this.hydra = pipeline.backend(backend).build();
        this.defaultUser = b.defaultUser;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#delegate} and {@link Builder#hydra} are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Keeps the user id through the merge of parameters (see {@link HydraChatModel#chat(ChatRequest,
     * ChatRequestOptions)}), then runs LangChain4j's template.
     *
     * @param request the request
     * @param options listener attributes
     * @param handler receives the tokens, the complete response or the error
     */
    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        StreamingChatModel.super.chat(HydraRequests.pinUserId(request), options, handler);
    }

    /**
     * Answers a request: personalized when it has a user and Hydra may answer it, else by the delegate alone.
     *
     * @param request the merged request
     * @param handler receives the tokens, the complete response or the error
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatRequest plain;
        Optional<UserId> user;
        List<ChatTurn> turns;
        try {
            user = HydraRequests.userId(request, defaultUser);
            plain = HydraRequests.withoutUserId(request);
            turns = HydraRequests.turns(plain.messages()).orElse(null);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        if (user.isEmpty() || HydraRequests.passThroughReason(plain).isPresent()) {
            delegate.chat(plain, handler);
            return;
        }
        ChatResponse response;
        boolean streamed = hydra.config().n() == 1;
        try {
            Hydra pipeline = streamed
                    ? hydra.toBuilder().backend(new StreamingSampleBackend(delegate, handler, sampleTimeout)).build()
                    : hydra;
            HydraResult result = pipeline.personalize(user.get(), turns);
            response = HydraResponses.of(user.get(), result, modelName());
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        if (!streamed) {
            handler.onPartialResponse(response.aiMessage().text());
        }
        handler.onCompleteResponse(response);
    }

    /**
     * The pipeline this model runs for N > 1, with the delegate as its black box.
     *
     * @return the pipeline
     */
    public Hydra hydra() {
        return hydra;
    }

    private String modelName() {
        ChatRequestParameters p = delegate.defaultRequestParameters();
        return p == null ? null : p.modelName();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        ChatRequestParameters p = delegate.defaultRequestParameters();
        return p != null ? p : DefaultChatRequestParameters.EMPTY;
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    /** Stops the sample threads; the delegate is not closed. */
    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the sample backend failed", e);
        }
    }

    /** Builds a {@link HydraStreamingChatModel}. */
    public static final class Builder {

        private StreamingChatModel delegate;
        private Hydra hydra;
        private Hydra.Builder hydraBuilder;
        private UserId defaultUser;
        private final List<ChatModelListener> listeners = new ArrayList<>();
        private int concurrency = 8;
        private Duration sampleTimeout = Duration.ofMinutes(2);

        private Builder() {}

        /**
         * The streaming model to personalize (required).
         *
         * @param delegate the model; never {@code null}
         * @return this builder
         */
        public Builder delegate(StreamingChatModel delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
            return this;
        }

        /**
         * The pipeline (this or {@link #hydra(Hydra.Builder)} is required); its backend is replaced by the delegate.
         *
         * @param hydra the pipeline; never {@code null}
         * @return this builder
         */
        public Builder hydra(Hydra hydra) {
            this.hydra = Objects.requireNonNull(hydra, "hydra must not be null");
            this.hydraBuilder = null;
            return this;
        }

        /**
         * The pipeline, not yet built: no backend needed, the delegate becomes it.
         *
         * @param hydra the pipeline's builder; never {@code null}
         * @return this builder
         */
        public Builder hydra(Hydra.Builder hydra) {
            this.hydraBuilder = Objects.requireNonNull(hydra, "hydra must not be null");
            this.hydra = null;
            return this;
        }

        /**
         * The user of requests that name none; without one such requests pass through unpersonalized.
         *
         * @param userId the user id, see {@link UserId#RULE}
         * @return this builder
         */
        public Builder defaultUserId(String userId) {
            this.defaultUser = UserId.of(userId);
            return this;
        }

        /**
         * Adds listeners of this decorator: one request and one response (or error) per call.
         *
         * @param listeners the listeners
         * @return this builder
         */
        public Builder listeners(List<ChatModelListener> listeners) {
            this.listeners.addAll(listeners);
            return this;
        }

        /**
         * The most streams collected at once for N > 1, over all requests (default 8).
         *
         * @param concurrency at least 1
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * How long one stream may run (default 2 minutes).
         *
         * @param sampleTimeout positive
         * @return this builder
         */
        public Builder sampleTimeout(Duration sampleTimeout) {
            this.sampleTimeout = sampleTimeout;
            return this;
        }

        /**
         * Builds the decorator.
         *
         * @return the decorator; close it to stop its threads
         * @throws IllegalStateException when the delegate or the pipeline is missing
         */
        public HydraStreamingChatModel build() {
            if (delegate == null) {
                throw new IllegalStateException("delegate is required: HydraStreamingChatModel.builder().delegate(...)");
            }
            if (hydra == null && hydraBuilder == null) {
                throw new IllegalStateException("hydra is required: HydraStreamingChatModel.builder().hydra(...)");
            }
            return new HydraStreamingChatModel(this);
        }
    }
}

package dev.hydra.langchain4j;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.langchain4j.internal.HydraRequests;
import dev.hydra.langchain4j.internal.HydraResponses;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Personalizes any LangChain4j {@link ChatModel} per user with Hydra: a drop-in {@code ChatModel}.
 *
 * <pre>{@code
 * ChatModel model = HydraChatModel.builder()
 *         .delegate(openAi)                                                  // any ChatModel
 *         .hydra(Hydra.builder().retriever(retriever).task(new ChatTask()))  // the pipeline
 *         .build();
 * ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Title for my post?"))
 *         .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build());
 * }</pre>
 *
 * <p><b>Whose request.</b> The user is, in order: the {@link HydraChatRequestParameters}' user id; else the last
 * user message's attribute {@code "hydra.userId"}; else the {@link Builder#defaultUserId default user}. With
 * none, and for requests that offer tools, ask for JSON, or hold anything but plain text ending with a user
 * message, the request passes through to the delegate untouched, except that the user id is removed.
 *
 * <p><b>Personalized requests</b> run Hydra's pipeline with the delegate as the black box: the delegate is called
 * N times (the pipeline's {@code n}, at its temperature and token limit) with the best history items as few-shot
 * turns. The response is a normal one whose {@link HydraChatResponseMetadata} carries the evidence; its token
 * usage is the sum over the samples. The caller's sampling parameters are not used for those calls: Hydra's are.
 * The delegate never sees the user id: requests are rebuilt with plain {@link DefaultChatRequestParameters}.
 *
 * <p>{@link #defaultRequestParameters()}, {@link #provider()} and {@link #supportedCapabilities()} are the
 * delegate's; {@link #listeners()} are this decorator's own and see one request and one response per call (the
 * delegate's listeners see each sample). <b>Thread-safety:</b> safe for concurrent use when the delegate and the
 * pipeline's plugins are. {@link #close()} stops the threads that issue the samples.
 *
 * @since 0.1
 */
public final class HydraChatModel implements ChatModel, AutoCloseable {

    private final ChatModel delegate;
    private final LangChain4jLlmBackend backend;
    private final Hydra hydra;
    private final UserId defaultUser;
    private final List<ChatModelListener> listeners;
    private final HistoryRecorder recorder;
    private final boolean recordAnswers;

    private HydraChatModel(Builder b) {
        this.delegate = b.delegate;
        this.backend = LangChain4jLlmBackend.builder().chatModel(b.delegate).concurrency(b.concurrency)
                .sampleTimeout(b.sampleTimeout).build();
        this.hydra = b.pipeline(backend);
        this.defaultUser = b.defaultUser;
        this.listeners = List.copyOf(b.listeners);
        this.recorder = b.recorder;
        this.recordAnswers = b.recordAnswers;
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
     * Moves the user id of {@link HydraChatRequestParameters} onto the last user message before the usual merge
     * with {@link #defaultRequestParameters()}, which drops it when the delegate's defaults are of another
     * subtype (as OpenAI's are), then runs LangChain4j's template: listeners, then {@link #doChat}.
     *
     * @param request the request
     * @param options listener attributes
     * @return the response
     */
    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return ChatModel.super.chat(HydraRequests.pinUserId(request), options);
    }

    /**
     * Answers a request: personalized when it has a user and Hydra may answer it, else by the delegate alone.
     *
     * @param request the merged request
     * @return the response
     * @throws IllegalArgumentException when the user id is invalid; the message quotes it and the rule
     * @throws dev.hydra.api.LlmException when every sample failed
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        Optional<UserId> user = HydraRequests.userId(request, defaultUser);
        ChatRequest plain = HydraRequests.withoutUserId(request);
        if (user.isEmpty() || HydraRequests.passThroughReason(plain).isPresent()) {
            return delegate.chat(plain);
        }
        List<ChatTurn> turns = HydraRequests.turns(plain.messages()).orElseThrow();
        HydraResult result = hydra.personalize(user.get(), turns);
        if (recordAnswers) {
            recorder.record(user.get(), result.query().text(), result.answer());
        }
        return HydraResponses.of(user.get(), result, modelName());
    }

    /**
     * Records an answer the user accepted into their history, so later answers can draw on it.
     *
     * @param user the user
     * @param message the user's message
     * @param answer the answer they accepted (or their own text)
     * @return the stored item
     * @throws IllegalStateException when no {@link Builder#recorder recorder} was configured
     */
    public HistoryItem recordAccepted(UserId user, String message, String answer) {
        if (recorder == null) {
            throw new IllegalStateException("no history recorder: configure HydraChatModel.builder().recorder(...)");
        }
        return recorder.record(user, message, answer);
    }

    /**
     * The pipeline this model runs, with the delegate as its black box.
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

    /** Builds a {@link HydraChatModel}; the settings it shares with the streaming decorator are inherited. */
    public static final class Builder extends HydraModelBuilder<ChatModel, Builder> {

        private HistoryRecorder recorder;
        private boolean recordAnswers;

        private Builder() {}

        /**
         * The recorder behind {@link HydraChatModel#recordAccepted}.
         *
         * @param recorder the recorder; never {@code null}
         * @return this builder
         */
        public Builder recorder(HistoryRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder must not be null");
            return this;
        }

        /**
         * Whether every personalized answer is recorded as accepted (default {@code false}; needs a recorder).
         *
         * @param recordAnswers whether to record automatically
         * @return this builder
         */
        public Builder recordAnswers(boolean recordAnswers) {
            this.recordAnswers = recordAnswers;
            return this;
        }

        /**
         * Builds the decorator and its pipeline.
         *
         * @return the decorator; close it to stop its threads
         * @throws IllegalStateException when the delegate or the pipeline is missing, or answers are to be
         *     recorded without a recorder
         */
        public HydraChatModel build() {
            checkRequired("HydraChatModel");
            if (recordAnswers && recorder == null) {
                throw new IllegalStateException("recordAnswers(true) needs a recorder: .recorder(HistoryRecorder...)");
            }
            return new HydraChatModel(this);
        }
    }
}

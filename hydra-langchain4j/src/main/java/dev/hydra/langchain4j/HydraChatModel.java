package dev.hydra.langchain4j;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ServedPipeline;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personalizes any LangChain4j {@link ChatModel} per user with Hydra: a drop-in {@code ChatModel}.
 *
 * <pre>{@code
 * ChatModel model = HydraChatModel.builder()
 *         .delegate(openAi)          // any ChatModel
 *         .historyStore(store)       // the users' history: BM25 over it, the free-form chat task
 *         .build();
 * ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Title for my post?"))
 *         .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build());
 * }</pre>
 *
 * <p><b>Whose request.</b> The user is, in order: the {@link HydraChatRequestParameters}' user id; else the last
 * user message's attribute {@code "hydra.userId"}; else the {@link Builder#defaultUserId default user}. With
 * none, and for requests that offer tools, ask for JSON, or hold anything but plain text ending with a non-blank
 * user message, the request passes through to the delegate untouched, except that the user id is removed.
 *
 * <p><b>Personalized requests</b> run Hydra's pipeline with the delegate as the black box and the best history
 * items as few-shot turns. <b>The caller's parameters are kept:</b> every call to the delegate carries the request's
 * parameters over the delegate's defaults (token limit, stop sequences, model name, top-p, provider options).
 * Hydra changes only what choosing among samples needs, and only when it chooses: with an adapter, the delegate is
 * called N times (the pipeline's {@code n}) at the pipeline's temperature, with the seed {@code base + i} where the
 * model takes one ({@code base}: the request's seed, else the pipeline's). Without an adapter nothing chooses, so
 * the delegate is called once, with the caller's parameters exactly. The pipeline's {@code maxTokens} is not
 * used: the limit is the caller's. The delegate never sees the user id: requests are rebuilt with plain
 * parameters.
 *
 * <p><b>Every response</b> carries {@link HydraChatResponseMetadata}: whether it was personalized and, if not, why
 * (a {@link dev.hydra.api.NotPersonalizedReason}), how many calls the delegate answered, and the evidence; token
 * usage is the sum over the calls. The logger {@code dev.hydra.langchain4j.HydraChatModel} says the same in one
 * debug line per request.
 *
 * <p>{@link #defaultRequestParameters()}, {@link #provider()} and {@link #supportedCapabilities()} are the
 * delegate's; {@link #listeners()} are this decorator's own and see one request and one response per call (the
 * delegate's listeners see each call). <b>Thread-safety:</b> safe for concurrent use when the delegate and the
 * pipeline's plugins are. {@link #close()} stops the threads that issue the samples.
 *
 * @since 0.1
 */
public final class HydraChatModel implements ChatModel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HydraChatModel.class);

    private final ChatModel delegate;
    private final LangChain4jLlmBackend backend;
    private final ServedPipeline served;
    private final UserId defaultUser;
    private final List<ChatModelListener> listeners;
    private final HistoryRecorder recorder;
    private final boolean recordAnswers;

    private HydraChatModel(Builder b) {
        this.delegate = b.delegate;
        this.backend = LangChain4jLlmBackend.builder().chatModel(b.delegate).concurrency(b.concurrency)
                .sampleTimeout(b.sampleTimeout).deadline(b.deadline).rateLimitRetries(b.rateLimitRetries).build();
        this.served = ServedPipeline.of(b.modelVersion, b.pipeline(backend), null);
        this.defaultUser = b.defaultUser;
        this.listeners = List.copyOf(b.listeners);
        this.recorder = b.recorder != null || b.historyStore == null ? b.recorder
                : HistoryRecorder.builder().store(b.historyStore).build();
        this.recordAnswers = b.recordAnswers;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#delegate} and {@link Builder#historyStore} (or {@link Builder#hydra}) are
     *     required
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
     * @throws dev.langchain4j.exception.UnsupportedFeatureException the delegate's, when it rejected the request's
     *     parameters (e.g. a model name it does not serve)
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        HydraRequests.Plan plan = HydraRequests.Plan.of(request, defaultUser);
        ChatResponse response;
        if (plan.notPersonalized().isPresent()) {
            response = HydraResponses.passedThrough(delegate.chat(plan.plain()), plan.user(),
                    plan.notPersonalized().get());
        } else {
            UserId user = plan.user().orElseThrow();
            ChatRequestParameters caller = plan.plain().parameters();
            try (ServedPipeline.Lease lease = served.acquire()) {
                Hydra hydra = lease.pipeline();
                LangChain4jLlmBackend.RequestBackend black = backend.forRequest(caller, hydra.config().n() > 1);
                HydraResult result = hydra.toBuilder().backend(black).build().personalize(user, plan.turns());
                if (recordAnswers) {
                    recorder.record(user, result.query().text(), result.answer());
                }
                response = HydraResponses.personalized(user, result, lease.version(), modelName(caller),
                        hydra.config().k() > 0, black::finishReason);
            } catch (RuntimeException e) {
                throw HydraResponses.surfaced(e);
            }
        }
        HydraResponses.log(LOG, response);
        return response;
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
            throw new IllegalStateException("no history recorder: configure HydraChatModel.builder().historyStore(...) "
                    + "or .recorder(...)");
        }
        return recorder.record(user, message, answer);
    }

    /**
     * The pipeline this model runs, with the delegate as its black box.
     *
     * @return the pipeline
     */
    public Hydra hydra() {
        return served.pipeline();
    }

    /**
     * The name of the model version new requests are answered with.
     *
     * @return the version's name
     * @since 0.2
     */
    public String modelVersion() {
        return served.version();
    }

    /**
     * Serves a new model version to the requests that start from now on, atomically: each request is answered by
     * one version's pipeline, never a mix. Requests already running finish on the previous version, whose
     * resources are closed when the last of them ends. The pipeline gets this decorator's delegate as its black
     * box, as {@link Builder#hydra(Hydra)} does.
     *
     * @param version the new version's name, reported in {@link HydraChatResponseMetadata#modelVersion()}
     * @param pipeline the new version's pipeline (its backend is replaced by the delegate); never {@code null}
     * @param resources what to close once the new version is replaced in turn and unused (e.g. its
     *     {@code HydraModel}); {@code null} for nothing
     * @return the name of the version it replaced
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when this decorator is closed
     * @since 0.2
     */
    public String switchTo(String version, Hydra pipeline, AutoCloseable resources) {
        return switchTo(version, pipeline.toBuilder(), resources);
    }

    /**
     * Serves a new model version, as {@link #switchTo(String, Hydra, AutoCloseable)}, from a pipeline not yet
     * built: no backend needed, the delegate becomes it.
     *
     * @param version the new version's name
     * @param pipeline the new version's pipeline builder with a task and, for k &gt; 0, a retriever
     * @param resources what to close once the new version is replaced in turn and unused; {@code null} for nothing
     * @return the name of the version it replaced
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when this decorator is closed
     * @since 0.2
     */
    public String switchTo(String version, Hydra.Builder pipeline, AutoCloseable resources) {
        return served.switchTo(version, HydraModelBuilder.served(pipeline, backend), resources);
    }

    private String modelName(ChatRequestParameters caller) {
        ChatRequestParameters p = delegate.defaultRequestParameters();
        return caller.modelName() != null ? caller.modelName() : p == null ? null : p.modelName();
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

    /**
     * Stops the sample threads and retires the served version (its resources are closed once running requests
     * end); the delegate is not closed.
     */
    @Override
    public void close() {
        served.close();
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
         * Whether every personalized answer is recorded as accepted (default {@code false}; needs a recorder or a
        * history store).
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
            if (recordAnswers && recorder == null && historyStore == null) {
                throw new IllegalStateException("recordAnswers(true) needs a recorder: .historyStore(store) or "
                        + ".recorder(HistoryRecorder...)");
            }
            return new HydraChatModel(this);
        }
    }
}

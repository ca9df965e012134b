package dev.hydra.langchain4j;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.langchain4j.internal.DefaultRetrievers;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings every Hydra decorator of a LangChain4j model shares: the delegate, the pipeline (or the history store
 * to build one on), the default user, listeners and how samples are issued. {@link HydraChatModel.Builder} and
 * {@link HydraStreamingChatModel.Builder} extend it.
 *
 * @param <D> the kind of delegate, e.g. {@code ChatModel}
 * @param <B> the concrete builder, returned by every setter
 * @since 0.1
 */
public abstract sealed class HydraModelBuilder<D, B extends HydraModelBuilder<D, B>>
        permits HydraChatModel.Builder, HydraStreamingChatModel.Builder {

    D delegate;
    Hydra hydra;
    Hydra.Builder hydraBuilder;
    HistoryStore historyStore;
    UserId defaultUser;
    final List<ChatModelListener> listeners = new ArrayList<>();
    int concurrency = 8;
    Duration sampleTimeout = Duration.ofMinutes(2);
    Duration deadline;
    int rateLimitRetries = 2;
    String modelVersion = INITIAL_VERSION;

    /** The version name of the pipeline a decorator is built with, unless {@link #modelVersion} names it. */
    public static final String INITIAL_VERSION = "initial";

    HydraModelBuilder() {}

    /**
     * The model to personalize (required): Hydra calls it once per request, or N times when an adapter chooses among
     * N samples.
     *
     * @param delegate the model; never {@code null}
     * @return this builder
     */
    public B delegate(D delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        return self();
    }

    /**
     * The pipeline (this or {@link #hydra(Hydra.Builder)} is required); its backend is replaced by the delegate.
     *
     * @param hydra the pipeline; never {@code null}
     * @return this builder
     */
    public B hydra(Hydra hydra) {
        this.hydra = Objects.requireNonNull(hydra, "hydra must not be null");
        this.hydraBuilder = null;
        return self();
    }

    /**
     * The pipeline, not yet built: no backend needed, the delegate becomes it.
     *
     * @param hydra the pipeline's builder with a task and, for k > 0, a retriever; never {@code null}
     * @return this builder
     */
    public B hydra(Hydra.Builder hydra) {
        this.hydraBuilder = Objects.requireNonNull(hydra, "hydra must not be null");
        this.hydra = null;
        return self();
    }

    /**
     * The users' history, for the shortest setup: without {@link #hydra(Hydra.Builder) a pipeline}, the decorator
     * builds one with BM25 over this store ({@code bm25} for a {@code LuceneHistoryStore}, else {@code bm25-okapi};
     * from hydra-retrievers on the class path) and the free-form {@link ChatTask}, with HYDRA's numbers (M 10, k 4);
     * with no adapter it samples once per request. {@link HydraChatModel#recordAccepted} records into it.
     *
     * @param store the history store; never {@code null}
     * @return this builder
     */
    public B historyStore(HistoryStore store) {
        this.historyStore = Objects.requireNonNull(store, "historyStore must not be null");
        return self();
    }

    /**
     * The user of requests that name none; without one such requests pass through unpersonalized.
     *
     * @param userId the application's id of the user, see {@link UserId#RULE}
     * @return this builder
     * @throws IllegalArgumentException when the id breaks the rule
     */
    public B defaultUserId(String userId) {
        this.defaultUser = UserId.of(userId);
        return self();
    }

    /**
     * Adds listeners of this decorator: one request and one response (or error) per call.
     *
     * @param listeners the listeners
     * @return this builder
     */
    public B listeners(List<ChatModelListener> listeners) {
        this.listeners.addAll(listeners);
        return self();
    }

    /**
     * The most delegate calls (or streams collected) in flight at once, over all requests (default 8).
     *
     * @param concurrency at least 1
     * @return this builder
     */
    public B concurrency(int concurrency) {
        this.concurrency = concurrency;
        return self();
    }

    /**
     * How long one delegate call or stream may run (default 2 minutes).
     *
     * @param sampleTimeout positive
     * @return this builder
     */
    public B sampleTimeout(Duration sampleTimeout) {
        this.sampleTimeout = sampleTimeout;
        return self();
    }

    /**
     * The time the N samples of one request may take together, counted from when they start (default: no limit
     * but the {@link #sampleTimeout}): samples not done by then are dropped and reported in the response's
     * metadata, and the request answers with the others (see {@link LangChain4jLlmBackend.Builder#deadline}).
     *
     * @param deadline positive, or {@code null} for none
     * @return this builder
     * @since 0.3
     */
    public B deadline(Duration deadline) {
        this.deadline = deadline;
        return self();
    }

    /**
     * How often one sample is retried when the delegate is rate limited (HTTP 429), after the provider's
     * {@code Retry-After}, never past the {@link #deadline} (default 2; see
     * {@link LangChain4jLlmBackend.Builder#rateLimitRetries}).
     *
     * @param retries at least 0
     * @return this builder
     * @since 0.3
     */
    public B rateLimitRetries(int retries) {
        this.rateLimitRetries = retries;
        return self();
    }

    /**
     * The name of the model version the built pipeline serves (default {@value #INITIAL_VERSION}), reported in
     * each response's {@link HydraChatResponseMetadata#modelVersion()}; a later version is served with the
     * decorator's {@code switchTo}.
     *
     * @param modelVersion the name, e.g. the model directory's version; never blank
     * @return this builder
     * @throws IllegalArgumentException when the name is blank
     * @since 0.2
     */
    public B modelVersion(String modelVersion) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("modelVersion is blank: name the version, e.g. \"v000001\"");
        }
        this.modelVersion = modelVersion;
        return self();
    }

    /**
     * The pipeline with the delegate's backend as its black box: the given one, else BM25 over the history store
     * with the chat task. When nothing chooses among samples (no adapter), it samples once: N = 1.
     */
    final Hydra pipeline(LangChain4jLlmBackend backend) {
        Hydra.Builder builder = hydra != null ? hydra.toBuilder() : hydraBuilder != null ? hydraBuilder
                : Hydra.builder().retriever(DefaultRetrievers.bm25(historyStore)).task(new ChatTask());
        return served(builder, backend);
    }

    /**
     * A pipeline as a decorator serves it: the delegate's backend as its black box, and one sample when nothing
     * chooses among samples.
     */
    static Hydra served(Hydra.Builder builder, LangChain4jLlmBackend backend) {
        Hydra built = builder.backend(backend).build();
        HydraConfig config = built.config();
        return built.selectsAmongSamples() || config.n() == 1 ? built
                : built.toBuilder().config(config.withSampling(1, config.temperature())).build();
    }

    /** Fails unless the delegate and the pipeline (or a store to build it on) are set; the message shows how. */
    final void checkRequired(String decorator) {
        if (delegate == null) {
            throw new IllegalStateException("delegate is required: " + decorator + ".builder().delegate(...)");
        }
        if (hydra == null && hydraBuilder == null && historyStore == null) {
            throw new IllegalStateException("a history store or a pipeline is required: " + decorator
                    + ".builder().historyStore(store) for BM25 over the users' history, or .hydra(Hydra.builder()...)");
        }
    }

    private B self() {
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }
}

package dev.hydra.langchain4j;

import dev.hydra.api.Candidate;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ServedPipeline;
import dev.hydra.langchain4j.internal.FirstTokenTimer;
import dev.hydra.langchain4j.internal.GuardedHandler;
import dev.hydra.langchain4j.internal.HydraRequests;
import dev.hydra.langchain4j.internal.HydraResponses;
import dev.hydra.langchain4j.internal.RequestStreamingHandle;
import dev.hydra.langchain4j.internal.StreamingAsChatModel;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personalizes any LangChain4j {@link StreamingChatModel} per user with Hydra, as {@link HydraChatModel} does a
 * {@code ChatModel}; the user is found the same way, and the same requests pass through.
 *
 * <p>The caller's parameters reach the delegate as {@link HydraChatModel} describes. Without an adapter (or with the
 * pipeline's {@code n} = 1) the delegate is called once and its tokens stream through as they come (the prompt is
 * the personalized one). With an adapter and {@code n} > 1 the N candidates are drawn by collecting N streams, the
 * adapter picks one, and the chosen answer comes out as one partial response followed by the complete response;
 * with {@link Builder#streamFirstAbove(double)} the first sample whose adapter score alone clears the threshold is
 * the answer and is streamed as soon as it completes, before the slowest sample ends (the complete response, with
 * the evidence of all N, follows once they are done).
 * Every complete response, passed-through ones too, carries {@link HydraChatResponseMetadata} (personalized or
 * why not, the delegate's calls, the evidence), and every failure reaches the handler's {@code onError}, except
 * the delegate's {@link dev.langchain4j.exception.UnsupportedFeatureException}, which is thrown at once as a
 * provider throws it; what the handler itself throws goes to its {@code onError}, and what {@code onError} throws
 * is logged. A personalized call runs on a worker thread of the decorator, never the caller's, and {@code chat}
 * returns once the delegate accepted the call (with N &gt; 1: one of its samples), as a provider's returns. With
 * N = 1 that worker also relays the delegate's tokens, so that every callback comes from that one thread; with
 * N &gt; 1 the chosen answer and the complete response come from the worker, an early answer from the thread of the
 * sample that cleared the threshold. Every partial response carries a
 * {@link dev.langchain4j.model.chat.response.StreamingHandle} in its context: cancelling it stops the delegate's
 * streams that the request still reads (through the delegate's own handles, taken from the partial responses,
 * thinking or tool calls they streamed: the one stream with N = 1; with N &gt; 1 the samples still running after an
 * early answer), their waits end, and the handler gets nothing more, neither a complete response nor an error. A
 * stream that has given no handle yet, or a sample waiting to retry a rate-limited call, ends by itself, unread.
 * <b>Thread-safety:</b> safe for concurrent use when the delegate and the pipeline's plugins are.
 *
 * @since 0.1
 */
public final class HydraStreamingChatModel implements StreamingChatModel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HydraStreamingChatModel.class);

    private final StreamingChatModel delegate;
    private final StreamingAsChatModel collected;
    private final LangChain4jLlmBackend backend;
    private final ServedPipeline served;
    private final UserId defaultUser;
    private final List<ChatModelListener> listeners;
    private final Duration sampleTimeout;
    private final Double streamThreshold;
    private final ExecutorService workers = Executors.newCachedThreadPool(new WorkerThreads());

    private HydraStreamingChatModel(Builder b) {
        this.delegate = b.delegate;
        this.streamThreshold = b.streamThreshold;
        this.sampleTimeout = b.sampleTimeout;
        this.collected = new StreamingAsChatModel(b.delegate);
        this.backend = LangChain4jLlmBackend.builder().chatModel(collected)
                .name("langchain4j-streaming").concurrency(b.concurrency).sampleTimeout(b.sampleTimeout)
                .deadline(b.deadline).rateLimitRetries(b.rateLimitRetries).build();
        this.served = ServedPipeline.of(b.modelVersion, b.pipeline(backend), null);
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
     * @param callerHandler receives the tokens, the complete response or the error; what it throws goes to its own
     *     {@code onError}, as with LangChain4j's providers
     * @throws UnsupportedFeatureException the delegate's, when it rejected the request (as providers do, at once)
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler callerHandler) {
        StreamingChatResponseHandler handler = new FirstTokenTimer(new GuardedHandler(callerHandler),
                System.nanoTime());
        HydraRequests.Plan plan;
        try {
            plan = HydraRequests.Plan.of(request, defaultUser);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        if (plan.notPersonalized().isPresent()) {
            delegate.chat(plan.plain(), new PassThroughHandler(handler, plan));
            return;
        }
        ServedPipeline.Lease lease = served.acquire();
        PersonalizedStream run = new PersonalizedStream(plan, handler, lease);
        try {
            workers.execute(run);
        } catch (RejectedExecutionException e) {
            lease.close();
            handler.onError(new IllegalStateException("the HydraStreamingChatModel is closed", e));
            return;
        }
        run.awaitAccepted();
    }

    /**
     * One personalized request: its pipeline, and its answer to the handler, on a worker thread (with N = 1 it also
     * relays the delegate's tokens, so that every callback comes from that one thread); the caller waits only until
     * the delegate accepted the call, or one of the N samples' calls (or the request ended before), so that a
     * rejection reaches it.
     */
    private final class PersonalizedStream implements Runnable {

        private final HydraRequests.Plan plan;
        private final StreamingChatResponseHandler handler;
        private final ServedPipeline.Lease lease;
        private final boolean streamed;
        private final RequestStreamingHandle handle = new RequestStreamingHandle();
        private final CompletableFuture<Void> accepted = new CompletableFuture<>();

        PersonalizedStream(HydraRequests.Plan plan, StreamingChatResponseHandler handler, ServedPipeline.Lease lease) {
            this.plan = plan;
            this.handler = handler;
            this.lease = lease;
            this.streamed = lease.pipeline().config().n() == 1;
        }

        @Override
        public void run() {
            try {
                answer();
            } finally {
                accepted.complete(null);
            }
        }

        /** Waits until the delegate accepted the request, or the request ended; throws the delegate's rejection. */
        void awaitAccepted() {
            try {
                accepted.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.cancel();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnsupportedFeatureException unsupported) {
                    throw unsupported; // as a provider rejects a request: at once, to the caller
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        private void answer() {
            ChatResponse response;
            ChatRequestParameters caller = plan.plain().parameters();
            EarlyStream early = new EarlyStream(handler, handle);
            try (lease) {
                Hydra hydra = lease.pipeline();
                StreamingSampleBackend stream = streamed
                        ? new StreamingSampleBackend(delegate, handler, sampleTimeout, caller, handle, accepted)
                        : null;
                LangChain4jLlmBackend.RequestBackend sampled = streamed ? null
                        : backend.forRequest(caller, true, collected.forRequest(handle, accepted));
                LlmBackend black = streamed ? stream : sampled;
                Hydra.Builder pipeline = hydra.toBuilder().backend(black);
                if (!streamed && streamThreshold != null) {
                    pipeline.earlyAnswer(streamThreshold, early::stream);
                }
                HydraResult result = pipeline.build().personalize(plan.user().orElseThrow(), plan.turns());
                response = HydraResponses.personalized(plan.user().orElseThrow(), result, lease.version(),
                        modelName(caller), hydra.config().k() > 0,
                        text -> streamed ? stream.finishReason() : sampled.finishReason(text));
            } catch (RuntimeException e) {
                RuntimeException surfaced = HydraResponses.surfaced(e);
                if (surfaced instanceof UnsupportedFeatureException unsupported
                        && accepted.completeExceptionally(unsupported)) {
                    return; // thrown to the caller, who waits for it
                }
                if (!handle.isCancelled()) {
                    handler.onError(surfaced);
                }
                return;
            }
            HydraResponses.log(LOG, response);
            if (!streamed && !early.streamed() && !handle.isCancelled()) {
                handler.onPartialResponse(new PartialResponse(response.aiMessage().text()),
                        new PartialResponseContext(handle));
            }
            if (!handle.isCancelled()) {
                handler.onCompleteResponse(response);
            }
        }
    }

    /** Streams the early answer of one request, once, from the sample thread that found it. */
    private static final class EarlyStream {

        private final StreamingChatResponseHandler handler;
        private final RequestStreamingHandle handle;
        private final AtomicBoolean streamed = new AtomicBoolean();

        EarlyStream(StreamingChatResponseHandler handler, RequestStreamingHandle handle) {
            this.handler = handler;
            this.handle = handle;
        }

        void stream(Candidate answer) {
            if (streamed.compareAndSet(false, true) && !handle.isCancelled()) {
                handler.onPartialResponse(new PartialResponse(answer.text()), new PartialResponseContext(handle));
            }
        }

        boolean streamed() {
            return streamed.get();
        }
    }

    /** Streams the delegate's answer through and wraps its complete response's metadata to say why. */
    private static final class PassThroughHandler implements StreamingChatResponseHandler {

        private final StreamingChatResponseHandler handler;
        private final HydraRequests.Plan plan;

        PassThroughHandler(StreamingChatResponseHandler handler, HydraRequests.Plan plan) {
            this.handler = handler;
            this.plan = plan;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            handler.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            handler.onPartialResponse(partialResponse, context); // the delegate's own handle cancels its stream
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            ChatResponse wrapped = HydraResponses.passedThrough(response, plan.user(), plan.notPersonalized().get());
            HydraResponses.log(LOG, wrapped);
            handler.onCompleteResponse(wrapped);
        }

        @Override
        public void onError(Throwable error) {
            handler.onError(error);
        }
    }

    /**
     * The pipeline this model runs for N > 1, with the delegate as its black box.
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
        workers.shutdown();
        served.close();
        try {
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the sample backend failed", e);
        }
    }

    /**
     * Stops taking personalized requests and waits until the running ones ended (for tests: that nothing more comes
     * after a cancel).
     *
     * @param timeout the longest wait
     * @return whether they all ended in time
     * @throws InterruptedException when the wait is interrupted
     */
    boolean awaitRunningRequests(Duration timeout) throws InterruptedException {
        workers.shutdown();
        return workers.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Daemon threads named for the streamed requests they run. */
    private static final class WorkerThreads implements ThreadFactory {

        private static final AtomicInteger MODELS = new AtomicInteger();
        private final int model = MODELS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "hydra-stream-" + model + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Builds a {@link HydraStreamingChatModel}; its settings are those of {@link HydraModelBuilder}. */
    public static final class Builder extends HydraModelBuilder<StreamingChatModel, Builder> {

        private Double streamThreshold;

        private Builder() {}

        /**
         * Streams early (N &gt; 1 with an adapter): each sample is scored by the adapter alone as soon as it
         * completes, and the first that the task can read and whose score is at least {@code threshold} is the
         * answer and is streamed at once, without waiting for the slowest sample (see
         * {@link Hydra.Builder#earlyAnswer}). When none clears it, the pool's best is streamed once all are done,
         * as without this option. The threshold is in the adapter's units: pick it from the scores that
         * {@link HydraChatResponseMetadata#answers()} reports.
         *
         * @param threshold the score a sample must reach alone; a number
         * @return this builder
         * @throws IllegalArgumentException when the threshold is NaN
         * @since 0.3
         */
        public Builder streamFirstAbove(double threshold) {
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("streamFirstAbove threshold is NaN: give a score in the "
                        + "adapter's units, e.g. 0.5");
            }
            this.streamThreshold = threshold;
            return this;
        }

        /**
         * Builds the decorator.
         *
         * @return the decorator; close it to stop its threads
         * @throws IllegalStateException when the delegate or the pipeline is missing
         */
        public HydraStreamingChatModel build() {
            checkRequired("HydraStreamingChatModel");
            return new HydraStreamingChatModel(this);
        }
    }
}

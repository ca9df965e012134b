package dev.hydra.langchain4j;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Plugin;
import dev.hydra.langchain4j.internal.RateLimitRetry;
import dev.hydra.langchain4j.internal.SampleParameters;
import dev.hydra.langchain4j.internal.SampleRunner;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;

/**
 * Any LangChain4j {@link ChatModel} as Hydra's black box.
 *
 * <pre>{@code
 * try (LangChain4jLlmBackend llm = LangChain4jLlmBackend.builder().chatModel(openAi).modelId("gpt-4o-mini").build()) {
 *     Generation g = llm.generate(Prompt.ofUser("Say hi"), new Sampling(8, 1.0, 64, 0));
 * }
 * }</pre>
 *
 * <p>A {@link Prompt}'s turns become system, user and AI messages in order; each sample is one
 * {@link ChatModel#chat(ChatRequest)} with the temperature and max tokens of the {@link Sampling}, and the seed
 * {@code seed + i} where the model takes one (OpenAI-compatible models, {@code LlamaCppChatModel} of hydra-llamacpp). The N samples
 * run concurrently on this backend's executor: at most {@link Builder#concurrency(int)} calls at a time, over all
 * requests, on threads named {@code hydra-llm-<name>-<k>}. Each sample has {@link Builder#sampleTimeout} from
 * the moment it starts, and all of them together at most the {@link Builder#deadline}, if one is set; a
 * rate-limited sample (HTTP 429) is retried after the provider's {@code Retry-After} when that fits before the
 * deadline ({@link Builder#rateLimitRetries}), else dropped. A failed, dropped or timed-out sample is reported in
 * {@link Generation#failures()}; when all fail,
 * {@link LlmException} carries the first failure. Token usage is summed over the samples.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use when the chat model is. {@link #close()} stops the executor and
 * closes the chat model when the builder was told to own it.
 *
 * @since 0.1
 */
public final class LangChain4jLlmBackend implements LlmBackend, AutoCloseable {

    private final ChatModel chatModel;
    private final String name;
    private final String modelId;
    private final boolean ownsModel;
    private final SampleRunner runner;
    private final Duration deadline;
    private final RateLimitRetry retry;

    private LangChain4jLlmBackend(Builder b) {
        this.chatModel = b.chatModel;
        this.name = b.name;
        this.modelId = b.modelId != null ? b.modelId : defaultModelId(b.chatModel);
        this.ownsModel = b.ownsModel;
        this.runner = new SampleRunner("hydra-llm-" + name, b.concurrency, b.sampleTimeout);
        this.deadline = b.deadline;
        this.retry = new RateLimitRetry(b.rateLimitRetries, Thread::sleep);
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#chatModel(ChatModel)} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks the chat model for {@code sampling.n()} samples, concurrently.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @return the candidates, the failed or timed-out samples, and the summed token usage
     * @throws LlmException when every sample failed; the cause is the first failure
     * @throws IllegalStateException when the backend is closed
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        Objects.requireNonNull(sampling, "sampling must not be null");
        return generate(chatModel, prompt, sampling, i -> SampleParameters.of(chatModel, sampling, i), null, null);
    }

    /**
     * Asks the chat model for {@code sampling.n()} samples, concurrently, and hands each candidate to
     * {@code onCandidate} on its sample's thread as soon as the sample completes.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @param onCandidate receives each candidate as its sample completes; never {@code null}
     * @return the candidates, the failed, dropped or timed-out samples, and the summed token usage
     * @throws LlmException when every sample failed; the cause is the first failure
     * @throws IllegalStateException when the backend is closed
     * @since 0.3
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling, Consumer<Candidate> onCandidate) {
        Objects.requireNonNull(sampling, "sampling must not be null");
        Objects.requireNonNull(onCandidate, "onCandidate must not be null");
        return generate(chatModel, prompt, sampling, i -> SampleParameters.of(chatModel, sampling, i), onCandidate,
                null);
    }

    /**
     * This backend for one decorated request: the samples carry the caller's parameters, with Hydra's temperature
     * and seeds on top only when {@code selecting} (see {@link SampleParameters#ofCaller}). Shares this backend's
     * threads.
     *
     * @param caller the caller's parameters, merged with the model's defaults; never {@code null}
     * @param selecting whether the pipeline chooses among several samples
     * @return the backend of that request
     */
    RequestBackend forRequest(ChatRequestParameters caller, boolean selecting) {
        return forRequest(caller, selecting, chatModel);
    }

    /**
     * This backend for one decorated request whose samples go through {@code model}, a view of this backend's
     * chat model for that request (e.g. one that a cancel of the request stops), as {@link #forRequest(
     * ChatRequestParameters, boolean)}.
     *
     * @param caller the caller's parameters, merged with the model's defaults; never {@code null}
     * @param selecting whether the pipeline chooses among several samples
     * @param model the chat model the request's samples call; never {@code null}
     * @return the backend of that request
     */
    RequestBackend forRequest(ChatRequestParameters caller, boolean selecting, ChatModel model) {
        Objects.requireNonNull(caller, "caller must not be null");
        return new RequestBackend(caller, selecting, Objects.requireNonNull(model, "model must not be null"));
    }

    /**
     * The black box of one decorated request: the caller's parameters on every sample, and each answer's finish
     * reason kept by its text (the pipeline numbers the samples of its calls anew), so that the response can report
     * the chosen answer's.
     */
    final class RequestBackend implements LlmBackend {

        private final ChatRequestParameters caller;
        private final boolean selecting;
        private final ChatModel model;
        private final Map<String, FinishReason> finishReasons = new ConcurrentHashMap<>();

        private RequestBackend(ChatRequestParameters caller, boolean selecting, ChatModel model) {
            this.caller = caller;
            this.selecting = selecting;
            this.model = model;
        }

        @Override
        public Generation generate(Prompt prompt, Sampling sampling) {
            Objects.requireNonNull(sampling, "sampling must not be null");
            return LangChain4jLlmBackend.this.generate(model, prompt, sampling,
                    i -> SampleParameters.ofCaller(model, caller, sampling, selecting, i), null, this::keep);
        }

        @Override
        public Generation generate(Prompt prompt, Sampling sampling, Consumer<Candidate> onCandidate) {
            Objects.requireNonNull(sampling, "sampling must not be null");
            Objects.requireNonNull(onCandidate, "onCandidate must not be null");
            return LangChain4jLlmBackend.this.generate(model, prompt, sampling,
                    i -> SampleParameters.ofCaller(model, caller, sampling, selecting, i), onCandidate, this::keep);
        }

        private void keep(ChatResponse response, int index) {
            if (response.finishReason() != null && response.aiMessage() != null
                    && response.aiMessage().text() != null) {
                // of two equal answers, one cut short says the text may be cut: LENGTH wins
                finishReasons.merge(response.aiMessage().text(), response.finishReason(),
                        (a, b) -> a == FinishReason.LENGTH ? a : b);
            }
        }

        /**
         * Why the model stopped the sample that answered {@code text}, as it said.
         *
         * @param text a sample's text
         * @return the finish reason, or {@code STOP} when the model gave none
         */
        FinishReason finishReason(String text) {
            return finishReasons.getOrDefault(text, FinishReason.STOP);
        }

        @Override
        public String modelId() {
            return modelId;
        }

        @Override
        public String name() {
            return name;
        }
    }

    private Generation generate(ChatModel model, Prompt prompt, Sampling sampling,
            IntFunction<ChatRequestParameters> parameters, Consumer<Candidate> onCandidate,
            ObjIntConsumer<ChatResponse> onResponse) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        List<ChatMessage> messages = messages(prompt);
        long end = deadline == null ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();
        List<SampleRunner.Outcome<ChatResponse>> outcomes = runner.run(sampling.n(), i -> {
            ChatRequest request = ChatRequest.builder().messages(messages).parameters(parameters.apply(i)).build();
            ChatResponse response = retry.call(() -> model.chat(request), end, deadline);
            if (onResponse != null && response != null) {
                onResponse.accept(response, i);
            }
            if (onCandidate != null && response != null && response.aiMessage() != null
                    && response.aiMessage().text() != null) {
                try {
                    onCandidate.accept(new Candidate(response.aiMessage().text(), i));
                } catch (RuntimeException e) {
                    // ignored, as LlmBackend's contract says: the caller redoes its work
                }
            }
            return response;
        }, deadline);
        List<Candidate> candidates = new ArrayList<>();
        List<SampleFailure> failures = new ArrayList<>();
        TokenUsage usage = TokenUsage.ZERO;
        Throwable firstCause = null;
        for (int i = 0; i < outcomes.size(); i++) {
            SampleRunner.Outcome<ChatResponse> outcome = outcomes.get(i);
            ChatResponse response = outcome.value();
            if (response != null && response.aiMessage() != null && response.aiMessage().text() != null) {
                candidates.add(new Candidate(response.aiMessage().text(), i));
                usage = usage.plus(usage(response));
            } else {
                Throwable cause = outcome.failure() != null ? outcome.failure()
                        : new IllegalStateException("the chat model returned no text");
                firstCause = firstCause == null ? cause : firstCause;
                failures.add(new SampleFailure(i, describe(cause), outcome.timedOut()));
            }
        }
        if (candidates.isEmpty()) {
            throw new LlmException("all " + sampling.n() + " samples failed on " + name + " (" + modelId
                    + "); the first: " + describe(firstCause), firstCause);
        }
        return new Generation(candidates, failures, usage);
    }

    static List<ChatMessage> messages(Prompt prompt) {
        List<ChatMessage> messages = new ArrayList<>(prompt.turns().size());
        for (ChatTurn turn : prompt.turns()) {
            messages.add(switch (turn.role()) {
                case SYSTEM -> SystemMessage.from(turn.text());
                case USER -> UserMessage.from(turn.text());
                case ASSISTANT -> AiMessage.from(turn.text());
            });
        }
        return messages;
    }

    private static TokenUsage usage(ChatResponse response) {
        dev.langchain4j.model.output.TokenUsage u = response.tokenUsage();
        if (u == null) {
            return TokenUsage.ZERO;
        }
        return new TokenUsage(nonNegative(u.inputTokenCount()), nonNegative(u.outputTokenCount()));
    }

    private static long nonNegative(Integer count) {
        return count == null ? 0 : Math.max(0, count);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String defaultModelId(ChatModel model) {
        String name = model.defaultRequestParameters() == null ? null : model.defaultRequestParameters().modelName();
        return name != null ? name : model.getClass().getName();
    }

    /**
     * The plugin name given to the builder.
     *
     * @return the name, {@code langchain4j} by default
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * The model id: the builder's, else the chat model's default model name, else its class name.
     *
     * @return the model id
     */
    @Override
    public String modelId() {
        return modelId;
    }

    /**
     * The chat model behind this backend.
     *
     * @return the chat model
     */
    public ChatModel chatModel() {
        return chatModel;
    }

    /**
     * Stops the executor (running samples are interrupted) and closes the chat model when this backend owns it.
     *
     * @throws Exception what the chat model's close throws
     */
    @Override
    public void close() throws Exception {
        runner.close();
        if (ownsModel && chatModel instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Builds a {@link LangChain4jLlmBackend}. */
    public static final class Builder {

        private ChatModel chatModel;
        private String name = "langchain4j";
        private String modelId;
        private int concurrency = 8;
        private Duration sampleTimeout = Duration.ofMinutes(2);
        private boolean ownsModel;
        private Duration deadline;
        private int rateLimitRetries = 2;

        private Builder() {}

        /**
         * The time the N samples of one request may take together, counted from when they start (default: no
         * limit but each sample's {@link #sampleTimeout}). A sample not done by then is dropped and reported in
         * {@link Generation#failures()} as timed out; a rate-limited sample whose retry would end after it is
         * dropped at once. The request answers with the samples that made it.
         *
         * @param deadline positive, or {@code null} for no deadline
         * @return this builder
         * @throws IllegalArgumentException when the deadline is zero or negative
         * @since 0.3
         */
        public Builder deadline(Duration deadline) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                throw new IllegalArgumentException("deadline must be positive (or null for none), was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * How often one sample is retried when the chat model is rate limited (HTTP 429, LangChain4j's
         * {@code RateLimitException}), each time after the provider's {@code Retry-After} where its error message
         * names it, else after a backoff from 500 ms that doubles; never past the {@link #deadline} (default 2).
         * Turn off the chat model's own retries (e.g. {@code maxRetries(0)}) so that these are the only ones.
         *
         * @param retries at least 0
         * @return this builder
         * @throws IllegalArgumentException when negative
         * @since 0.3
         */
        public Builder rateLimitRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("rateLimitRetries must be >= 0, was " + retries);
            }
            this.rateLimitRetries = retries;
            return this;
        }

        /**
         * The chat model (required).
         *
         * @param chatModel the model; never {@code null}
         * @return this builder
         */
        public Builder chatModel(ChatModel chatModel) {
            this.chatModel = Objects.requireNonNull(chatModel, "chatModel must not be null");
            return this;
        }

        /**
         * The backend's plugin name, part of every cache key (default {@code langchain4j}).
         *
         * @param name follows {@link Plugin#NAME_RULE}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Plugin.checkName(name);
            return this;
        }

        /**
         * The model id, part of every cache key (default: the chat model's default model name).
         *
         * @param modelId the id; never {@code null}
         * @return this builder
         */
        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId must not be null");
            return this;
        }

        /**
         * The most calls in flight at once, over all requests (default 8).
         *
         * @param concurrency at least 1
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * How long one sample may run once started (default 2 minutes).
         *
         * @param sampleTimeout positive
         * @return this builder
         */
        public Builder sampleTimeout(Duration sampleTimeout) {
            if (sampleTimeout == null || sampleTimeout.isNegative() || sampleTimeout.isZero()) {
                throw new IllegalArgumentException("sampleTimeout must be positive, was " + sampleTimeout);
            }
            this.sampleTimeout = sampleTimeout;
            return this;
        }

        /**
         * Whether {@link LangChain4jLlmBackend#close()} closes the chat model too (default {@code false}).
         *
         * @param ownsModel whether the backend owns the model
         * @return this builder
         */
        public Builder ownsModel(boolean ownsModel) {
            this.ownsModel = ownsModel;
            return this;
        }

        /**
         * Builds the backend.
         *
         * @return the backend; close it to stop its threads
         * @throws IllegalArgumentException when no chat model was given
         */
        public LangChain4jLlmBackend build() {
            if (chatModel == null) {
                throw new IllegalArgumentException("chatModel is required");
            }
            return new LangChain4jLlmBackend(this);
        }
    }
}

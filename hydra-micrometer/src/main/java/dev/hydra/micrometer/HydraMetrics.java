package dev.hydra.micrometer;

import dev.hydra.core.encoder.CachingTextEncoder;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.Degradation;
import dev.hydra.core.pipeline.HydraListener;
import dev.hydra.core.pipeline.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Records what Hydra's pipeline does as Micrometer meters. Register it on the pipeline and bind the caches:
 *
 * <pre>{@code
 * HydraMetrics metrics = new HydraMetrics(registry);
 * Hydra hydra = Hydra.builder()....listener(metrics).build();
 * metrics.bindLlmCache("llm", responseCache).bindEncoderCache("encoder", cachingEncoder);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #STAGE}</td><td>timer</td><td>{@code stage}, {@code plugin}</td></tr>
 *   <tr><td>{@value #FAILURES}</td><td>counter</td><td>{@code stage}, {@code plugin}, {@code exception} (its
 *       simple class name)</td></tr>
 *   <tr><td>{@value #DEGRADATIONS}</td><td>counter</td><td>{@code stage}, {@code plugin}, {@code kind}</td></tr>
 *   <tr><td>{@value #SAMPLES}</td><td>counter</td><td>{@code backend}, {@code outcome} ({@code answered},
 *       {@code failed})</td></tr>
 *   <tr><td>{@value #CACHE}</td><td>function counter</td><td>{@code cache}, {@code result} ({@code hit},
 *       {@code miss})</td></tr>
 * </table>
 *
 * <p>Tags are stages, plugin names, kinds and exception classes: few values, and never a user id, a query or an
 * answer, so the meters neither grow with the users nor identify one. <b>Thread-safety:</b> safe for concurrent
 * use.
 *
 * @since 0.2
 */
public final class HydraMetrics implements HydraListener {

    /** The stage timer's name. */
    public static final String STAGE = "hydra.stage";
    /** The plugin failures counter's name. */
    public static final String FAILURES = "hydra.stage.failures";
    /** The degradations counter's name. */
    public static final String DEGRADATIONS = "hydra.degradations";
    /** The samples counter's name. */
    public static final String SAMPLES = "hydra.samples";
    /** The cache lookups counter's name. */
    public static final String CACHE = "hydra.cache.requests";

    private final MeterRegistry registry;

    /**
     * Records into a registry.
     *
     * @param registry the registry; never {@code null}
     */
    public HydraMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    @Override
    public void onStageEnd(Stage stage, String plugin, Duration took) {
        Timer.builder(STAGE).description("wall time of one stage of a personalization")
                .tags("stage", tag(stage), "plugin", plugin).register(registry).record(took);
    }

    @Override
    public void onStageFailure(Stage stage, String plugin, Throwable error) {
        Counter.builder(FAILURES).description("exceptions a stage's plugin threw; the request carried on")
                .tags("stage", tag(stage), "plugin", plugin, "exception", error.getClass().getSimpleName())
                .register(registry).increment();
    }

    @Override
    public void onDegradation(Degradation degradation) {
        Counter.builder(DEGRADATIONS).description("what did not run as configured; the request was answered")
                .tags("stage", tag(degradation.stage()), "plugin", degradation.plugin(), "kind",
                        degradation.kind().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void onSamples(String backend, int answered, int failed) {
        samples(backend, "answered").increment(answered);
        samples(backend, "failed").increment(failed);
    }

    /**
     * Counts the hits and misses of an LLM response cache.
     *
     * @param name the {@code cache} tag, e.g. {@code "llm"}
     * @param cache the cache; never {@code null}
     * @return this
     */
    public HydraMetrics bindLlmCache(String name, LlmResponseCache cache) {
        return bindCache(name, cache, LlmResponseCache::hits, LlmResponseCache::misses);
    }

    /**
     * Counts the hits and misses of an encoder's cache.
     *
     * @param name the {@code cache} tag, e.g. {@code "encoder"}
     * @param encoder the caching encoder; never {@code null}
     * @return this
     */
    public HydraMetrics bindEncoderCache(String name, CachingTextEncoder encoder) {
        return bindCache(name, encoder, CachingTextEncoder::hits, CachingTextEncoder::misses);
    }

    private <T> HydraMetrics bindCache(String name, T cache, ToDoubleFunction<T> hits, ToDoubleFunction<T> misses) {
        Objects.requireNonNull(cache, "cache must not be null");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cache needs a name for its tag, e.g. \"llm\"");
        }
        FunctionCounter.builder(CACHE, cache, hits).description("cache lookups").tags("cache", name, "result", "hit")
                .register(registry);
        FunctionCounter.builder(CACHE, cache, misses).description("cache lookups").tags("cache", name, "result",
                "miss").register(registry);
        return this;
    }

    private Counter samples(String backend, String outcome) {
        return Counter.builder(SAMPLES).description("answers the black box gave or failed to give")
                .tags("backend", backend, "outcome", outcome).register(registry);
    }

    private static String tag(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }
}

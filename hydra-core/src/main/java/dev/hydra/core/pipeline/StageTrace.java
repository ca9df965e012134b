package dev.hydra.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One request's stage timings and degradations, told to the pipeline's listeners as they happen. */
final class StageTrace {

    private static final System.Logger LOG = System.getLogger(Hydra.class.getName());

    private final List<HydraListener> listeners;
    private final Map<Stage, Duration> timings = new EnumMap<>(Stage.class);
    private final List<Degradation> degradations = new ArrayList<>();

    StageTrace(List<HydraListener> listeners) {
        this.listeners = listeners;
    }

    /** Runs a stage's work, timing it and telling the listeners its start and end. */
    <T> T run(Stage stage, String plugin, Supplier<T> work) {
        tell(l -> l.onStageStart(stage, plugin));
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            timings.put(stage, took);
            tell(l -> l.onStageEnd(stage, plugin, took));
        }
    }

    /** A plugin threw and the pipeline carries on as the degradation says. */
    void failed(Stage stage, String plugin, RuntimeException error, String message) {
        tell(l -> l.onStageFailure(stage, plugin, error));
        degrade(new Degradation(stage, plugin, Degradation.Kind.PLUGIN_FAILED, message, error));
    }

    void degrade(Degradation degradation) {
        degradations.add(degradation);
        tell(l -> l.onDegradation(degradation));
    }

    void samples(String backend, int answered, int failed) {
        tell(l -> l.onSamples(backend, answered, failed));
    }

    Map<Stage, Duration> timings() {
        return timings;
    }

    List<Degradation> degradations() {
        return degradations;
    }

    private void tell(Consumer<HydraListener> event) {
        for (HydraListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener " + listener.getClass().getName() + " failed; ignored",
                        e);
            }
        }
    }
}

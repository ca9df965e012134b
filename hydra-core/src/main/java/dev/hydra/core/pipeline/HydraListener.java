package dev.hydra.core.pipeline;

import java.time.Duration;

/**
 * Hears what one personalization does, stage by stage: for tracing, metrics and logs (e.g. hydra-micrometer's
 * {@code HydraMetrics}). Register it with {@link Hydra.Builder#listener(HydraListener)}.
 *
 * <p>Events name the stage and the plugin, never the user, so that what a listener records cannot identify one.
 * Every method has an empty default. A listener runs on the request's thread and should be quick; an exception
 * it throws is logged and ignored, never failing the request.
 *
 * @since 0.2
 */
public interface HydraListener {

    /**
     * A stage starts.
     *
     * @param stage the stage
     * @param plugin the plugin that runs it, {@code "none"} when the stage has nothing to run
     */
    default void onStageStart(Stage stage, String plugin) {}

    /**
     * A stage ended, whether its plugin succeeded or failed (a failure is reported first by
     * {@link #onStageFailure}).
     *
     * @param stage the stage
     * @param plugin the plugin that ran it
     * @param took its wall time
     */
    default void onStageEnd(Stage stage, String plugin, Duration took) {}

    /**
     * A stage's plugin threw; the pipeline carries on as {@link #onDegradation} then says.
     *
     * @param stage the stage
     * @param plugin the plugin that threw
     * @param error what it threw
     */
    default void onStageFailure(Stage stage, String plugin, Throwable error) {}

    /**
     * Something degraded; the request is still answered.
     *
     * @param degradation what and how the pipeline carried on
     */
    default void onDegradation(Degradation degradation) {}

    /**
     * The black box's samples for one request are in.
     *
     * @param backend the backend's name
     * @param answered how many answers came back
     * @param failed how many samples failed
     */
    default void onSamples(String backend, int answered, int failed) {}
}

package dev.hydra.core.pipeline;

import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.TokenUsage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of one personalization and its evidence: the demonstrations used and their scores, every
 * sampled answer and its score, the prompt, the tokens, the time of each stage, and what degraded.
 *
 * @param query the query answered
 * @param answer the chosen answer's text
 * @param usedItems the demonstrations, in prompt order
 * @param answers every sampled answer, by sample index, one of them {@link ScoredAnswer#chosen()}
 * @param failures the samples the black box failed
 * @param prompt the prompt sent to the black box
 * @param usage the tokens used, summed over the samples
 * @param timings the wall time of each stage that ran
 * @param degradations what did not work as configured and how the pipeline carried on, typed by stage, plugin and
 *     kind; empty when all did
 * @since 0.1
 */
public record HydraResult(
        Query query,
        String answer,
        List<UsedItem> usedItems,
        List<ScoredAnswer> answers,
        List<SampleFailure> failures,
        Prompt prompt,
        TokenUsage usage,
        Map<Stage, Duration> timings,
        List<Degradation> degradations) {

    /** Copies the components. */
    public HydraResult {
        usedItems = List.copyOf(usedItems);
        answers = List.copyOf(answers);
        failures = List.copyOf(failures);
        EnumMap<Stage, Duration> copy = new EnumMap<>(Stage.class);
        copy.putAll(timings);
        timings = java.util.Collections.unmodifiableMap(copy);
        degradations = List.copyOf(degradations);
    }

    /**
     * Whether every stage ran as configured.
     *
     * @return true when nothing degraded
     */
    public boolean degraded() {
        return !degradations.isEmpty();
    }

    /**
     * The total wall time of the stages.
     *
     * @return the sum of the stage timings
     */
    public Duration totalTime() {
        return timings.values().stream().reduce(Duration.ZERO, Duration::plus);
    }
}

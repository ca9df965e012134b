package dev.hydra.api;

import java.util.Comparator;
import java.util.List;

/**
 * What the black box returned for one {@link Prompt}: the candidates it produced, the samples it failed, and
 * the tokens it used.
 *
 * @param candidates the produced candidates ordered by sample index; copied; never {@code null}
 * @param failures the failed samples; copied; never {@code null}
 * @param usage the tokens used, summed over the samples; never {@code null}
 * @since 0.1
 */
public record Generation(List<Candidate> candidates, List<SampleFailure> failures, TokenUsage usage) {

    /** Validates, sorts and copies the components. */
    public Generation {
        Checks.notNull(candidates, "candidates");
        Checks.notNull(failures, "failures");
        Checks.notNull(usage, "usage");
        candidates = candidates.stream().sorted(Comparator.comparingInt(Candidate::sampleIndex)).toList();
        failures = failures.stream().sorted(Comparator.comparingInt(SampleFailure::sampleIndex)).toList();
    }

    /**
     * A generation with every sample produced.
     *
     * @param candidates the candidates
     * @param usage the tokens used
     * @return the generation
     */
    public static Generation of(List<Candidate> candidates, TokenUsage usage) {
        return new Generation(candidates, List.of(), usage);
    }
}

package dev.hydra.core.pipeline;

import dev.hydra.api.Candidate;
import java.util.OptionalDouble;

/**
 * One sampled answer with the adapter's score, when an adapter scored it.
 *
 * @param candidate the sampled answer
 * @param score the adapter's score (higher is better)
 * @param chosen whether this is the answer returned
 * @since 0.1
 */
public record ScoredAnswer(Candidate candidate, OptionalDouble score, boolean chosen) {

    /** Validates the components. */
    public ScoredAnswer {
        java.util.Objects.requireNonNull(candidate, "candidate");
        java.util.Objects.requireNonNull(score, "score");
    }
}

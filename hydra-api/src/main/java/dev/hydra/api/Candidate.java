package dev.hydra.api;

/**
 * One answer sampled from the black-box LLM.
 *
 * @param text the answer text; never {@code null}, may be empty
 * @param sampleIndex which of the N samples of one request this is, from 0
 * @since 0.1
 */
public record Candidate(String text, int sampleIndex) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the sample index is negative
     */
    public Candidate {
        Checks.notNull(text, "candidate text");
        Checks.atLeast(sampleIndex, 0, "sampleIndex");
    }
}

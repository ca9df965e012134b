package dev.hydra.api;

/**
 * A sample the black box failed to produce.
 *
 * @param sampleIndex which sample, from 0
 * @param reason what went wrong (exception type and message); never {@code null}
 * @param timedOut whether the sample ran out of time
 * @since 0.1
 */
public record SampleFailure(int sampleIndex, String reason, boolean timedOut) {

    /** Validates the components. */
    public SampleFailure {
        Checks.atLeast(sampleIndex, 0, "sampleIndex");
        Checks.notNull(reason, "reason");
    }
}

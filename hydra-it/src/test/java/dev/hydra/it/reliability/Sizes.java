package dev.hydra.it.reliability;

/**
 * How big each scenario of the reliability check is.
 *
 * @param users users of the isolation scenario
 * @param calls personalize calls of the isolation scenario
 * @param threads threads that make them
 * @param erasureUsers users of the erasure scenario
 * @param forget users erased
 * @param crashTrials child processes killed per phase (ingest, training, head saving)
 * @param faultCalls calls against the flaky black box
 * @param badInputs malformed inputs generated, at least
 * @param hugeHistory items of the one user of the limits scenario's huge history
 */
public record Sizes(int users, int calls, int threads, int erasureUsers, int forget, int crashTrials, int faultCalls,
        int badInputs, int hugeHistory) {

    /** The sizes of issue 10. */
    public static final Sizes FULL = new Sizes(1_000, 100_000, 16, 1_000, 100, 20, 10_000, 10_000,
            1_000_000);

    /** The sizes of the build's tests. */
    public static final Sizes SMALL = new Sizes(50, 2_000, 8, 60, 10, 2, 400, 1_500, 20_000);

    /** Checks the numbers. */
    public Sizes {
        if (users < 2 || calls < 1 || threads < 1 || erasureUsers <= forget || forget < 1 || crashTrials < 1
                || faultCalls < 1 || badInputs < 1 || hugeHistory < 1) {
            throw new IllegalArgumentException("sizes out of range: " + this);
        }
    }
}

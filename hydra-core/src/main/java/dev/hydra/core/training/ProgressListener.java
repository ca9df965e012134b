package dev.hydra.core.training;

/**
 * Hears how far a long stage has come; the command line prints items done, rate and time left from it.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = (stage, done, total) -> {};

    /**
     * Reports progress.
     *
     * @param stage the stage's name
     * @param done units done so far
     * @param total units in all
     */
    void update(String stage, long done, long total);
}

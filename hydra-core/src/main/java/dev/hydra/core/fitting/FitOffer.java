package dev.hydra.core.fitting;

/**
 * What became of a user offered to the {@link BackgroundFitter}; an offer never waits.
 *
 * @since 0.2
 */
public enum FitOffer {
    /** The user is queued and will be fitted in the background. */
    QUEUED,
    /** The user was already waiting in the queue; one fit will cover the new items too. */
    ALREADY_QUEUED,
    /** The queue is full (back-pressure): nothing was queued; offer again later. */
    QUEUE_FULL,
    /** This hour's LLM budget cannot pay for a fit: nothing was queued; offer again in a later hour. */
    BUDGET_EXHAUSTED,
    /** The user has fewer history items than the fitter's minimum: nothing was queued. */
    TOO_LITTLE_HISTORY,
    /** Not enough new items since the user's last fit: nothing was queued. */
    NOT_ENOUGH_NEW_ITEMS,
    /** The fitter is closed. */
    CLOSED
}

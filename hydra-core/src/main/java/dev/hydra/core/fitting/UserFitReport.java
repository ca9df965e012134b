package dev.hydra.core.fitting;

import dev.hydra.api.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What one background fit of a user did.
 *
 * @param user the user
 * @param outcome what became of the user
 * @param ownHeads the modules in which the user has a head of their own after the fit (empty: the shared head)
 * @param calls the LLM calls the fit made (answers from the cache make none)
 * @param historyItems the user's history items when the fit started
 * @param at when the fit ended, by the fitter's clock
 * @param message one line that says what happened, for logs
 * @since 0.2
 */
public record UserFitReport(UserId user, Outcome outcome, Set<String> ownHeads, long calls, int historyItems,
        Instant at, String message) {

    /** What became of a user in one fit. */
    public enum Outcome {
        /** The user's own head beat the shared head on their held-out queries in at least one module. */
        OWN_HEAD,
        /** The user's own head did not beat the shared head: the shared head keeps serving them. */
        SHARED_HEAD,
        /** This hour's budget could not pay for the fit: nothing was fitted; a later offer tries again. */
        BUDGET_EXHAUSTED,
        /** The fit failed (see the message); the user's heads are as they were. */
        FAILED
    }

    /**
     * Validates the parts.
     *
     * @throws NullPointerException when a part is null
     */
    public UserFitReport {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
        ownHeads = Set.copyOf(ownHeads);
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }
}

package dev.hydra.retrievers.internal;

import dev.hydra.api.UserId;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-user revision counters in fixed memory: users share one of {@value #STRIPES} counters by the hash of their
 * id, so a write to one user may also change another's revision (a needless refresh), never leave a changed user's
 * revision as it was. Safe for concurrent use.
 */
public final class UserRevisions {

    /** The number of counters. */
    static final int STRIPES = 4096;

    private final AtomicLongArray counters = new AtomicLongArray(STRIPES);

    /**
     * A user's revision now.
     *
     * @param user the user
     * @return the revision
     */
    public long of(UserId user) {
        return counters.get(stripe(user));
    }

    /**
     * Records that a user's items changed (call it once the change is visible to readers).
     *
     * @param user the user
     */
    public void changed(UserId user) {
        counters.incrementAndGet(stripe(user));
    }

    private static int stripe(UserId user) {
        return Math.floorMod(user.value().hashCode() * 0x9E3779B9, STRIPES);
    }
}

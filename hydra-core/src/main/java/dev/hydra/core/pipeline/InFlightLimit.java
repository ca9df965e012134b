package dev.hydra.core.pipeline;

import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each user's requests in flight and refuses one over the limit at once, so that a flood of requests for
 * one user (10,000 at a time) neither queues without bound nor starves the other users. Memory is one entry per
 * user with a request in flight: a user's entry goes when their last request ends.
 */
final class InFlightLimit {

    private final int max;
    private final ConcurrentHashMap<UserId, Integer> inFlight = new ConcurrentHashMap<>();

    /** A limit of {@code max} requests per user; 0 for none. */
    InFlightLimit(int max) {
        this.max = max;
    }

    /**
     * Counts a request of a user in.
     *
     * @throws HydraException when the user has {@code max} requests in flight already; nothing is counted
     */
    void enter(UserId user) {
        if (max == 0) {
            return;
        }
        boolean[] refused = new boolean[1];
        inFlight.compute(user, (u, n) -> {
            int now = n == null ? 0 : n;
            refused[0] = now >= max;
            return refused[0] ? n : now + 1;
        });
        if (refused[0]) {
            throw new HydraException("user " + user + " has " + max + " requests in flight, the most allowed "
                    + "(Hydra.builder().maxInFlightPerUser, default " + Hydra.DEFAULT_MAX_IN_FLIGHT_PER_USER
                    + "); retry when one has ended, or raise the limit");
        }
    }

    /** Counts a request of a user out; call once per {@link #enter} that did not throw. */
    void exit(UserId user) {
        if (max != 0) {
            inFlight.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The users with a request in flight. */
    int users() {
        return inFlight.size();
    }
}

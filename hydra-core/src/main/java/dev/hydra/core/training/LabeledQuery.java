package dev.hydra.core.training;

import dev.hydra.api.UserId;
import java.util.Objects;

/**
 * A training user's real query with its gold answer, which training may learn from (test users' queries never
 * reach training).
 *
 * @param user the user
 * @param id the query's id
 * @param text the query text (raw or under the task's template)
 * @param gold the gold answer
 * @since 0.1
 */
public record LabeledQuery(UserId user, String id, String text, String gold) {

    /** Validates the components. */
    public LabeledQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(gold, "gold");
    }
}

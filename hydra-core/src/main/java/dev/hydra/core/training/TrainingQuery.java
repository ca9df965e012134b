package dev.hydra.core.training;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import java.util.List;
import java.util.Objects;

/**
 * A query with a known answer that training learns from: a user's real query (training users only) or a
 * pseudo-query made from one of their history items, with that item's neighbours in the rest of their history.
 *
 * @param user the owner, whose head learns from it
 * @param id an id unique within the user (the source item's id for a pseudo-query)
 * @param text the raw query text (no template)
 * @param gold the known answer
 * @param neighbours the retrieved items of the same user, best first, never the source item itself
 * @since 0.1
 */
public record TrainingQuery(UserId user, String id, String text, String gold, List<Scored<HistoryItem>> neighbours) {

    /** Validates and copies the components. */
    public TrainingQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(gold, "gold");
        neighbours = List.copyOf(neighbours);
        for (Scored<HistoryItem> n : neighbours) {
            if (!n.value().userId().equals(user)) {
                throw new IllegalArgumentException("neighbour " + n.value().id() + " of " + user
                        + " belongs to " + n.value().userId());
            }
        }
    }
}

package dev.hydra.heads;

import dev.hydra.api.UserId;
import java.util.Objects;

/**
 * One labelled training pair: a user, the query's and the item's (or candidate's) encoder vectors, the extra
 * features and the label (1: the item helps / the candidate is right; 0: not).
 *
 * <p>The arrays are not copied; do not change them afterwards.
 *
 * @param user the user; never {@code null}
 * @param query the query vector; never {@code null}
 * @param item the item or candidate vector, same length as the query's; never {@code null}
 * @param extras the extra features ({@link ScorerConfig#extraFeatures()} of them); never {@code null}
 * @param label 0 or 1
 * @param queryKey the query the pair belongs to, or {@code null} when it stands alone; a query's pairs are held out
 *     together, so that held-out data is split by whole queries
 * @since 0.1
 */
public record PairExample(UserId user, float[] query, float[] item, float[] extras, int label, String queryKey) {

    /**
     * A pair that stands alone (its own query).
     *
     * @param user the user
     * @param query the query vector
     * @param item the item or candidate vector
     * @param extras the extra features
     * @param label 0 or 1
     */
    public PairExample(UserId user, float[] query, float[] item, float[] extras, int label) {
        this(user, query, item, extras, label, null);
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the label is not 0 or 1 or the vectors differ in length
     */
    public PairExample {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(query, "query vector must not be null");
        Objects.requireNonNull(item, "item vector must not be null");
        Objects.requireNonNull(extras, "extras must not be null");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, was " + label);
        }
        if (query.length != item.length) {
            throw new IllegalArgumentException(
                    "query and item vectors differ in length: " + query.length + " vs " + item.length);
        }
    }
}

package dev.hydra.api;

import java.util.Comparator;

/**
 * A value with the score a retriever, reranker or adapter gave it; higher is better.
 *
 * @param value the scored value; never {@code null}
 * @param score the score; finite
 * @param <T> the type of the value
 * @since 0.1
 */
public record Scored<T>(T value, double score) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the score is NaN or infinite
     */
    public Scored {
        Checks.notNull(value, "scored value");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, was " + score + " for " + value);
        }
    }

    /**
     * Orders by score, best first.
     *
     * @param <T> the type of the value
     * @return a comparator that puts higher scores first
     */
    public static <T> Comparator<Scored<T>> bestFirst() {
        return Comparator.<Scored<T>>comparingDouble(Scored::score).reversed();
    }
}

package dev.hydra.heads.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Query vectors encoded ahead of the rerank that needs them, each taken once. Bounded: a preparation whose rerank
 * never comes (nothing was retrieved) must not pile up, so past {@code capacity} entries all are dropped, and a
 * later rerank simply encodes its query again. Safe for concurrent use.
 */
public final class PreparedQueries {

    private final int capacity;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    /**
     * Creates an empty set.
     *
     * @param capacity the most vectors kept, at least 1
     * @throws IllegalArgumentException when {@code capacity} is below 1
     */
    public PreparedQueries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Keeps a query's vector until {@link #take} asks for it.
     *
     * @param text the query's text
     * @param vector its vector
     */
    public void put(String text, float[] vector) {
        if (vectors.size() >= capacity) {
            vectors.clear();
        }
        vectors.put(text, vector);
    }

    /**
     * Takes a query's vector out.
     *
     * @param text the query's text
     * @return its vector, or {@code null} when it was not prepared (or was dropped)
     */
    public float[] take(String text) {
        return vectors.remove(text);
    }

    /**
     * The vectors kept now.
     *
     * @return their number
     */
    public int size() {
        return vectors.size();
    }
}

package dev.hydra.postgres.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps its most recently used entries, up to a number of them. Not thread-safe: callers synchronize.
 *
 * @param <K> the keys
 * @param <V> the values
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    /**
     * Creates an empty map.
     *
     * @param capacity the most entries, at least 0
     */
    public LruMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 0) {
            throw new IllegalArgumentException("invalid capacity " + capacity + ": the capacity is at least 0");
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}

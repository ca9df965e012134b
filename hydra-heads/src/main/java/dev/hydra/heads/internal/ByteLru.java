package dev.hydra.heads.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by the total size of its values in bytes; synchronized.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ByteLru<K, V> {

    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
    private final long capacity;
    private final ToLongFunction<V> sizer;
    private long bytes;

    /**
     * Creates the cache.
     *
     * @param capacity the most bytes held, at least 0 (0 caches nothing)
     * @param sizer the size of a value in bytes
     */
    public ByteLru(long capacity, ToLongFunction<V> sizer) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
        this.sizer = sizer;
    }

    /**
     * Looks a key up, marking it recently used.
     *
     * @param key the key
     * @return the value, or {@code null}
     */
    public synchronized V get(K key) {
        return map.get(key);
    }

    /**
     * Adds or replaces an entry, then evicts the least recently used entries beyond the capacity; a value
     * larger than the capacity is not kept.
     *
     * @param key the key
     * @param value the value
     */
    public synchronized void put(K key, V value) {
        remove(key);
        long size = sizer.applyAsLong(value);
        if (size > capacity) {
            return;
        }
        map.put(key, value);
        bytes += size;
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (bytes > capacity && it.hasNext()) {
            bytes -= sizer.applyAsLong(it.next().getValue());
            it.remove();
        }
    }

    /**
     * Removes an entry.
     *
     * @param key the key
     */
    public synchronized void remove(K key) {
        V old = map.remove(key);
        if (old != null) {
            bytes -= sizer.applyAsLong(old);
        }
    }

    /**
     * The bytes held.
     *
     * @return the total size of the values
     */
    public synchronized long bytes() {
        return bytes;
    }

    /**
     * The number of entries.
     *
     * @return the count
     */
    public synchronized int size() {
        return map.size();
    }
}

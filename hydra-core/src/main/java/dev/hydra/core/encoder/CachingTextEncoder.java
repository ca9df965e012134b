package dev.hydra.core.encoder;

import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the vectors of the texts a {@link TextEncoder} encoded last, so that a request's query is encoded
 * once for both the reranker and the adapter, and a user's history items once while they stay in use.
 *
 * <p>The cache holds at most {@code capacity} texts and drops the least recently used. Since an encoder is
 * deterministic (its contract), a cached vector equals a fresh one; the cache returns copies, so callers cannot
 * change what it holds. Thread-safe: texts missing from the cache are encoded outside the lock, in one batch.
 *
 * @since 0.1
 */
public final class CachingTextEncoder implements TextEncoder {

    private final TextEncoder delegate;
    private final Map<String, float[]> cache;
    private long hits;
    private long misses;

    /**
     * Wraps an encoder.
     *
     * @param delegate the encoder
     * @param capacity the most texts to remember, at least 1
     */
    public CachingTextEncoder(TextEncoder delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (int i = 0; i < out.length; i++) {
                float[] v = cache.get(texts.get(i));
                if (v != null) {
                    out[i] = v.clone();
                    hits++;
                } else if (!missing.contains(texts.get(i))) {
                    missing.add(texts.get(i));
                }
            }
            misses += missing.size();
        }
        if (missing.isEmpty()) {
            return out;
        }
        float[][] fresh = delegate.encode(missing);
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), fresh[i]);
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = fresh[missing.indexOf(texts.get(i))].clone();
            }
        }
        return out;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /**
     * How many texts were served from the cache.
     *
     * @return the hit count
     */
    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    /**
     * How many texts were encoded by the delegate.
     *
     * @return the miss count
     */
    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }
}

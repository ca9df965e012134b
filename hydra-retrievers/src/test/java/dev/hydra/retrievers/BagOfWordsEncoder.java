package dev.hydra.retrievers;

import dev.hydra.api.spi.TextEncoder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A deterministic test encoder: lower-cased words hashed into buckets, L2-normalized; can fail on a given call. */
final class BagOfWordsEncoder implements TextEncoder {

    private final int dimension;
    private final String id;
    private final int failOnCall;
    private final AtomicInteger calls = new AtomicInteger();

    BagOfWordsEncoder(int dimension, String id, int failOnCall) {
        this.dimension = dimension;
        this.id = id;
        this.failOnCall = failOnCall;
    }

    static BagOfWordsEncoder of() {
        return new BagOfWordsEncoder(64, "bag-of-words@1", -1);
    }

    @Override
    public String name() {
        return "bag-of-words";
    }

    @Override
    public float[][] encode(List<String> texts) {
        if (calls.incrementAndGet() == failOnCall) {
            throw new IllegalStateException("encoder failure injected on call " + failOnCall);
        }
        float[][] out = new float[texts.size()][];
        for (int t = 0; t < texts.size(); t++) {
            float[] v = new float[dimension];
            for (String w : texts.get(t).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    v[Math.floorMod(w.hashCode(), dimension)] += 1;
                }
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            if (norm == 0) {
                v[0] = 1;
                norm = 1;
            }
            for (int i = 0; i < dimension; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            out[t] = v;
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String id() {
        return id;
    }
}

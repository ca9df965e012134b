package dev.hydra.eval.bench;

import dev.hydra.api.spi.TextEncoder;
import java.util.List;

/**
 * A fast content-hashing stand-in for the real encoder, under the real encoder's id and dimension: it fills a
 * large index with vectors in minutes instead of hours. Latency of an exact scan does not depend on what the
 * vectors mean, so dense retrieval is timed over these vectors, with the query encoded by the real encoder.
 */
final class StandInEncoder implements TextEncoder {

    private final String id;
    private final int dimension;

    StandInEncoder(TextEncoder real) {
        this.id = real.id();
        this.dimension = real.dimension();
    }

    @Override
    public String name() {
        return "bench-stand-in";
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int t = 0; t < texts.size(); t++) {
            float[] v = new float[dimension];
            long h = texts.get(t).hashCode() * 0x9E3779B97F4A7C15L;
            if (h == 0) {
                h = 1;
            }
            double norm = 0;
            for (int i = 0; i < dimension; i++) {
                h ^= h << 13;
                h ^= h >>> 7;
                h ^= h << 17;
                v[i] = (h >>> 40) / (float) (1 << 24) - 0.5f;
                norm += v[i] * v[i];
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dimension; i++) {
                v[i] *= inv;
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

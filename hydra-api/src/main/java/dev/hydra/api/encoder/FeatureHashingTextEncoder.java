package dev.hydra.api.encoder;

import dev.hydra.api.spi.TextEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link TextEncoder} by feature hashing (the "hashing trick"), named {@value #NAME}: no model file, no
 * third-party code, a few microseconds per text. It encodes which words a text holds, not what they mean, so it is
 * no substitute for a learned encoder in dense retrieval; it is for what needs vectors but not their meaning:
 * tests (of dense retrieval, of the heads, of anything that needs an encoder) and benchmarks that time an index.
 * It is not a plugin found by the service loader: create it where it is wanted.
 *
 * <p>A text is lower-cased and split into runs of letters and digits; each token adds {@code +1} or
 * {@code -1} (a second hash bit) to the component its 64-bit FNV-1a hash (of the token's UTF-8 bytes) selects,
 * and the vector is L2-normalized. A text without tokens (such as the empty text), or whose tokens cancel out,
 * encodes as the vector of a reserved token, so every vector has norm 1. Texts that differ only in case or
 * punctuation get the same vector. The vectors depend on the text and the dimension only, and never change
 * under the same {@link #id()}. <b>Thread-safety:</b> immutable.
 *
 * @since 0.1
 */
public final class FeatureHashingTextEncoder implements TextEncoder {

    /** The plugin name. */
    public static final String NAME = "hashing";

    /** The dimension of {@link #FeatureHashingTextEncoder()}. */
    public static final int DEFAULT_DIMENSION = 256;

    private static final String NO_TOKEN = "\u0000empty";

    private final int dimension;

    /** Creates an encoder of {@value #DEFAULT_DIMENSION} dimensions. */
    public FeatureHashingTextEncoder() {
        this(DEFAULT_DIMENSION);
    }

    /**
     * Creates an encoder.
     *
     * @param dimension the length of the vectors, at least 1
     * @throws IllegalArgumentException when the dimension is below 1
     */
    public FeatureHashingTextEncoder(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dimension
                    + ": give the length of the vectors, e.g. " + DEFAULT_DIMENSION);
        }
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public float[][] encode(List<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = encodeOne(Objects.requireNonNull(texts.get(i), "text " + i + " must not be null"));
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * Names the scheme and the dimension, e.g. {@code "hashing-fnv1a-256@1"}.
     *
     * @return the id
     */
    @Override
    public String id() {
        return "hashing-fnv1a-" + dimension + "@1";
    }

    private float[] encodeOne(String text) {
        double[] sums = new double[dimension];
        boolean any = false;
        for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!token.isEmpty()) {
                add(sums, token);
                any = true;
            }
        }
        if (!any) {
            add(sums, NO_TOKEN);
        }
        double norm = 0;
        for (double s : sums) {
            norm += s * s;
        }
        if (norm == 0) {
            // every token cancelled out: fall back to the reserved token so the norm is 1
            sums = new double[dimension];
            add(sums, NO_TOKEN);
            norm = 1;
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            vector[j] = (float) (sums[j] / norm);
        }
        return vector;
    }

    private void add(double[] sums, String token) {
        long hash = fnv1a(token);
        int index = (int) Long.remainderUnsigned(hash, dimension);
        sums[index] += (hash >>> 63) == 0 ? 1 : -1;
    }

    private static long fnv1a(String token) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Override
    public String toString() {
        return "FeatureHashingTextEncoder[" + id() + "]";
    }
}

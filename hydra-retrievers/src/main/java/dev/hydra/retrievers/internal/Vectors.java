package dev.hydra.retrievers.internal;

/** Vector arithmetic for exact dense scoring and for checking an encoder's output. */
public final class Vectors {

    private Vectors() {}

    /**
     * Cosine similarity.
     *
     * @param a a vector
     * @param b a vector of the same length
     * @return the cosine, in [-1, 1]; 0 when either vector is zero
     */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * Checks that a vector has the expected length, finite components and a non-zero norm.
     *
     * @param vector the vector
     * @param dimension the expected length
     * @return the problem, or {@code null} when the vector is usable
     */
    public static String problem(float[] vector, int dimension) {
        if (vector == null) {
            return "no vector";
        }
        if (vector.length != dimension) {
            return "a vector of " + vector.length + " components where " + dimension + " were expected";
        }
        double norm = 0;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                return "a vector with a non-finite component";
            }
            norm += (double) v * v;
        }
        return norm == 0 ? "a zero vector" : null;
    }
}

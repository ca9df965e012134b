package dev.hydra.api;

import java.util.Arrays;

/**
 * The learned parameters of one user's head for one module (reranker or adapter), as a
 * {@link dev.hydra.api.spi.HeadStore} keeps them.
 *
 * <p>The store treats the values as opaque; {@code kind} names the head kind and its shape (for example
 * {@code "lowrank:h=64,r=8"}) so that a loader can refuse parameters of another kind.
 *
 * @param kind the head kind and shape; 1 to 200 printable ASCII characters
 * @param values the parameters; copied on the way in and out
 * @since 0.1
 */
public record HeadParameters(String kind, float[] values) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the kind is blank, too long or not printable ASCII, or a value is
     *     not finite
     */
    public HeadParameters {
        Checks.notBlank(kind, "head kind");
        if (kind.length() > 200 || !kind.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "invalid head kind " + Checks.quote(kind) + ": 1 to 200 printable ASCII characters");
        }
        Checks.notNull(values, "values");
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("head value " + i + " is not finite: " + values[i]);
            }
        }
    }

    /**
     * Returns a copy of the values.
     *
     * @return the parameters
     */
    @Override
    public float[] values() {
        return values.clone();
    }

    /**
     * The number of parameters.
     *
     * @return the length of the values
     */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeadParameters other && kind.equals(other.kind) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "HeadParameters[kind=" + kind + ", size=" + values.length + "]";
    }
}

package dev.hydra.heads.internal;

import java.util.Random;

/**
 * The weights of one linear layer, stored input-major ({@code w[i * out + j]} links input {@code i} to output
 * {@code j}) so that the forward pass streams over contiguous rows.
 *
 * @param in the number of inputs
 * @param out the number of outputs
 * @param w the weights, {@code in * out}
 * @param b the biases, {@code out}
 */
public record Linear(int in, int out, float[] w, float[] b) {

    /**
     * Validates the shapes.
     *
     * @throws IllegalArgumentException when an array has the wrong length
     */
    public Linear {
        if (w.length != in * out || b.length != out) {
            throw new IllegalArgumentException("layer " + in + "x" + out + " has " + w.length + " weights and "
                    + b.length + " biases");
        }
    }

    /**
     * A layer initialized as PyTorch's {@code nn.Linear}: weights and biases uniform in
     * {@code ±1/sqrt(in)}.
     *
     * @param in the number of inputs
     * @param out the number of outputs
     * @param random the source of randomness
     * @return the layer
     */
    public static Linear init(int in, int out, Random random) {
        float bound = (float) (1 / Math.sqrt(in));
        float[] w = new float[in * out];
        float[] b = new float[out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (2 * random.nextFloat() - 1) * bound;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (2 * random.nextFloat() - 1) * bound;
        }
        return new Linear(in, out, w, b);
    }

    /**
     * Adds {@code x[from..to) · w[from..to)} to {@code acc}: the contribution of some inputs.
     *
     * @param x the input, indexed from {@code xOffset}
     * @param xOffset where input 0 is in {@code x}
     * @param from the first input
     * @param to the input after the last
     * @param acc the accumulator, {@code out} values
     */
    public void accumulate(float[] x, int xOffset, int from, int to, float[] acc) {
        for (int i = from; i < to; i++) {
            float xi = x[xOffset + i];
            if (xi == 0f) {
                continue;
            }
            int row = i * out;
            for (int j = 0; j < out; j++) {
                acc[j] += xi * w[row + j];
            }
        }
    }

    /**
     * Computes {@code x · w + b}.
     *
     * @param x the input, {@code in} values
     * @return the output, {@code out} values
     */
    public float[] apply(float[] x) {
        float[] acc = b.clone();
        accumulate(x, 0, 0, in, acc);
        return acc;
    }

    /**
     * The number of floats this layer holds.
     *
     * @return {@code in * out + out}
     */
    public int size() {
        return w.length + b.length;
    }
}

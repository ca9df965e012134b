package dev.hydra.heads.internal;

import java.util.Random;

/**
 * One head: {@code Linear(h,m) -> tanh -> Linear(m,2)}; its flat form (as stored) is {@code w1, b1, w2, b2}.
 *
 * @param first the first layer, {@code h -> m}
 * @param second the second layer, {@code m -> 2}
 */
public record HeadNet(Linear first, Linear second) {

    /**
     * A freshly initialized head.
     *
     * @param h the base's output width
     * @param m the inner width
     * @param random the source of randomness
     * @return the head
     */
    public static HeadNet init(int h, int m, Random random) {
        return new HeadNet(Linear.init(h, m, random), Linear.init(m, 2, random));
    }

    /**
     * Rebuilds a head from its flat form.
     *
     * @param h the base's output width
     * @param m the inner width
     * @param values {@code h*m + m + 2m + 2} floats
     * @return the head
     * @throws IllegalArgumentException when the count is wrong
     */
    public static HeadNet fromFlat(int h, int m, float[] values) {
        int expected = h * m + m + 2 * m + 2;
        if (values.length != expected) {
            throw new IllegalArgumentException("a head of h=" + h + ", m=" + m + " has " + expected
                    + " values, got " + values.length);
        }
        int p = 0;
        float[] w1 = slice(values, p, h * m);
        p += h * m;
        float[] b1 = slice(values, p, m);
        p += m;
        float[] w2 = slice(values, p, 2 * m);
        p += 2 * m;
        float[] b2 = slice(values, p, 2);
        return new HeadNet(new Linear(h, m, w1, b1), new Linear(m, 2, w2, b2));
    }

    /**
     * The flat form.
     *
     * @return {@code w1, b1, w2, b2} in one new array
     */
    public float[] flat() {
        float[] out = new float[first.size() + second.size()];
        int p = 0;
        for (float[] part : new float[][] {first.w(), first.b(), second.w(), second.b()}) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    /**
     * The probability of label 1 for one base output.
     *
     * @param z the base output, {@code h} values
     * @return {@code softmax(logits)[1]}
     */
    public double probability(float[] z) {
        float[] hidden = first.apply(z);
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = (float) Math.tanh(hidden[i]);
        }
        float[] logits = second.apply(hidden);
        return 1 / (1 + Math.exp(logits[0] - logits[1]));
    }

    private static float[] slice(float[] values, int from, int length) {
        float[] out = new float[length];
        System.arraycopy(values, from, out, 0, length);
        return out;
    }
}

package dev.hydra.heads.internal;

import dev.hydra.api.spi.HeadArchitecture;
import java.util.Random;

/**
 * The two built-in head kinds as {@link HeadArchitecture}s: {@code Linear(h,m) -> tanh -> Linear(m,2)} with two
 * logits, flat as {@code w1 [h,m], b1 [m], w2 [m,2], b2 [2]} (the layout of {@link HeadNet#flat()}); the output is
 * {@code logit1 - logit0}. {@code "hydra"} has {@code m = h}, {@code "lowrank"} has {@code m = rank}.
 *
 * <p>Training recognises these two and runs them as batched tensors on DJL ({@link JointTraining},
 * {@link HeadFitting}); {@link #doForward} and {@link #doBackward} are what scoring and the generic path use.
 */
public final class MlpHead implements HeadArchitecture {

    /** The name of the paper's head. */
    public static final String HYDRA = "hydra";

    /** The name of the low-rank head. */
    public static final String LOWRANK = "lowrank";

    private final String name;
    private final int rank;

    private MlpHead(String name, int rank) {
        this.name = name;
        this.rank = rank;
    }

    /**
     * The paper's head, {@code m = h}.
     *
     * @return the architecture
     */
    public static MlpHead hydra() {
        return new MlpHead(HYDRA, 0);
    }

    /**
     * A low-rank head.
     *
     * @param rank the inner width {@code m}, at least 1
     * @return the architecture
     * @throws IllegalArgumentException when the rank is below 1
     */
    public static MlpHead lowrank(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("the rank of a lowrank head must be >= 1, was " + rank);
        }
        return new MlpHead(LOWRANK, rank);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The inner width over a base of width {@code h}.
     *
     * @param h the base's width
     * @return {@code h} or the rank
     */
    public int width(int h) {
        return rank == 0 ? h : rank;
    }

    /**
     * The label stored with each head: {@code "hydra:h=64"} or {@code "lowrank:h=64,r=8"}.
     *
     * @param h the base's width
     * @return the label
     */
    public String label(int h) {
        return rank == 0 ? name + ":h=" + h : name + ":h=" + h + ",r=" + rank;
    }

    @Override
    public int parameterCount(int baseWidth) {
        int m = width(baseWidth);
        return baseWidth * m + m + 2 * m + 2;
    }

    @Override
    public void doInitialize(float[] params, int baseWidth, Random random) {
        float[] flat = HeadNet.init(baseWidth, width(baseWidth), random).flat();
        System.arraycopy(flat, 0, params, 0, flat.length);
    }

    @Override
    public double doForward(float[] params, float[] z) {
        int h = z.length;
        int m = width(h);
        float[] hidden = hidden(params, z, h, m);
        int w2 = h * m + m;
        int b2 = w2 + 2 * m;
        float l0 = params[b2];
        float l1 = params[b2 + 1];
        for (int j = 0; j < m; j++) {
            l0 += hidden[j] * params[w2 + 2 * j];
            l1 += hidden[j] * params[w2 + 2 * j + 1];
        }
        return l1 - l0;
    }

    @Override
    public void doBackward(float[] params, float[] z, double dLossDOutput, float[] gradParams, float[] gradZ) {
        int h = z.length;
        int m = width(h);
        float[] hidden = hidden(params, z, h, m);
        int b1 = h * m;
        int w2 = b1 + m;
        int b2 = w2 + 2 * m;
        float g = (float) dLossDOutput;
        gradParams[b2] -= g;
        gradParams[b2 + 1] += g;
        for (int j = 0; j < m; j++) {
            gradParams[w2 + 2 * j] -= g * hidden[j];
            gradParams[w2 + 2 * j + 1] += g * hidden[j];
            // d out / d pre_j = (w2[j,1] - w2[j,0]) * (1 - tanh^2)
            float pre = g * (params[w2 + 2 * j + 1] - params[w2 + 2 * j]) * (1 - hidden[j] * hidden[j]);
            gradParams[b1 + j] += pre;
            for (int i = 0; i < h; i++) {
                gradParams[i * m + j] += pre * z[i];
                gradZ[i] += pre * params[i * m + j];
            }
        }
    }

    /** {@code tanh(z·w1 + b1)}, accumulated in the order of {@link Linear#apply} so that scores do not change. */
    private static float[] hidden(float[] params, float[] z, int h, int m) {
        float[] acc = new float[m];
        System.arraycopy(params, h * m, acc, 0, m);
        for (int i = 0; i < h; i++) {
            float zi = z[i];
            if (zi == 0f) {
                continue;
            }
            int row = i * m;
            for (int j = 0; j < m; j++) {
                acc[j] += zi * params[row + j];
            }
        }
        for (int j = 0; j < m; j++) {
            acc[j] = (float) Math.tanh(acc[j]);
        }
        return acc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpHead other && other.name.equals(name) && other.rank == rank;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + rank;
    }

    @Override
    public String toString() {
        return rank == 0 ? name : name + "(r=" + rank + ")";
    }
}

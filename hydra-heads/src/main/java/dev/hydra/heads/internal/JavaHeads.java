package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hydra.api.spi.HeadArchitecture;

/**
 * Runs a {@link HeadArchitecture} written in plain Java inside a DJL training graph.
 *
 * <p>The head's outputs {@code s} and their derivatives ({@link HeadArchitecture#backward} with
 * {@code dLossDOutput = 1}) are computed in Java from the current values of {@code z} and the parameters; the
 * result is the first-order expansion {@code s + (z - stop(z))·ds/dz + (p - stop(p))·ds/dp}, whose value is
 * {@code s} and whose gradient with respect to {@code z} and {@code p} is exactly the head's. So the loss (pointwise
 * or listwise) stays in DJL, the base is back-propagated by DJL, and the heads' parameters are trained by the
 * same optimizer as the base's.
 */
final class JavaHeads {

    private JavaHeads() {}

    /**
     * The logits {@code [B, 2] = [0, s]} of a batch, so that {@code softmax(...)[1] = sigmoid(s)}.
     *
     * @param bm the batch's manager; every array made here is attached to it
     * @param head the architecture
     * @param z the base's outputs {@code [B, h]}, in the graph
     * @param params the heads' parameters: {@code [B, P]} (one row per example) or {@code [P]} (one head for all)
     * @return the logits
     */
    static NDArray logits(NDManager bm, HeadArchitecture head, NDArray z, NDArray params) {
        int b = (int) z.getShape().get(0);
        int h = (int) z.getShape().get(1);
        int p = head.parameterCount(h);
        boolean perRow = params.getShape().dimension() == 2;
        float[] zs = z.toFloatArray();
        float[] ps = params.toFloatArray();
        float[] s = new float[b];
        float[] gz = new float[b * h];
        float[] gp = new float[b * p];
        float[] zi = new float[h];
        float[] pi = perRow ? new float[p] : ps;
        float[] gzi = new float[h];
        float[] gpi = new float[p];
        for (int i = 0; i < b; i++) {
            System.arraycopy(zs, i * h, zi, 0, h);
            if (perRow) {
                System.arraycopy(ps, i * p, pi, 0, p);
            }
            java.util.Arrays.fill(gzi, 0f);
            java.util.Arrays.fill(gpi, 0f);
            s[i] = (float) head.forward(pi, zi);
            head.backward(pi, zi, 1.0, gpi, gzi);
            System.arraycopy(gzi, 0, gz, i * h, h);
            System.arraycopy(gpi, 0, gp, i * p, p);
        }
        NDArray frozenZ = z.stopGradient();
        frozenZ.attach(bm);
        NDArray viaZ = z.sub(frozenZ).mul(bm.create(gz, new Shape(b, h))).sum(new int[] {1});
        NDArray frozenP = params.stopGradient();
        frozenP.attach(bm);
        NDArray deltaP = params.sub(frozenP);
        deltaP.attach(bm);
        NDArray viaP = deltaP.reshape(perRow ? b : 1, p).mul(bm.create(gp, new Shape(b, p))).sum(new int[] {1});
        NDArray out = bm.create(s, new Shape(b)).add(viaZ).add(viaP);
        return bm.zeros(new Shape(b, 1)).concat(out.reshape(b, 1), 1);
    }
}

package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Small NDArray helpers shared by the training models. */
final class Tensors {

    private Tensors() {}

    /** Gathers rows of a flat row-major matrix into a new {@code [batch, width]} array. */
    static NDArray rows(NDManager m, float[] data, int width, int[] batch) {
        float[] out = new float[batch.length * width];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(data, batch[i] * width, out, i * width, width);
        }
        return m.create(out, new Shape(batch.length, width));
    }

    /** One-hot rows {@code [batch, classes]} of the given class indices. */
    static NDArray oneHot(NDManager m, int[] classes, int count, int[] batch) {
        float[] out = new float[batch.length * count];
        for (int i = 0; i < batch.length; i++) {
            out[i * count + classes[batch[i]]] = 1f;
        }
        return m.create(out, new Shape(batch.length, count));
    }

    /** The mean two-class cross-entropy of logits {@code [B,2]} against one-hot labels {@code [B,2]}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long batch = logits.getShape().get(0);
        return logits.logSoftmax(1).mul(labels).sum().neg().div(batch);
    }

    /** A parameter array holding a layer's weights ({@code [in, out]}) or biases ({@code [out]}). */
    static NDArray param(NDManager m, float[] values, long... shape) {
        return m.create(values, new Shape(shape));
    }

    /** Adds a layer's weight and bias arrays to a parameter list. */
    static void addLayer(NDManager m, Linear layer, List<NDArray> params) {
        params.add(param(m, layer.w(), layer.in(), layer.out()));
        params.add(param(m, layer.b(), layer.out()));
    }

    /** The logits of a shared head: {@code tanh(z·w1 + b1)·w2 + b2}; params at {@code p..p+3}. */
    static NDArray head(NDArray z, List<NDArray> params, int p) {
        return z.matMul(params.get(p)).add(params.get(p + 1)).tanh().matMul(params.get(p + 2)).add(params.get(p + 3));
    }
}

package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The mean listwise loss of logits {@code [B,2]} over the queries of a batch: per query, the softmax
     * cross-entropy of its pairs' scores ({@code logit1 - logit0}) against the uniform distribution over its
     * positives, {@code logsumexp(s_q) - mean(s_q over positives)}. Queries without both labels add nothing; a batch
     * of such queries only gives 0 (with the logits still in the graph).
     */
    static NDArray listwise(NDManager m, NDArray logits, int[] labels, int[] queries, int[] batch) {
        Map<Integer, Integer> row = new LinkedHashMap<>();
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        for (int i : batch) {
            counts.computeIfAbsent(queries[i], q -> new int[2])[labels[i] == 1 ? 1 : 0]++;
        }
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] > 0 && e.getValue()[1] > 0) {
                row.put(e.getKey(), row.size());
            }
        }
        NDArray s = logits.get(":, 1").sub(logits.get(":, 0"));
        if (row.isEmpty()) {
            return s.sum().mul(0f);
        }
        int q = row.size();
        float[] member = new float[q * batch.length];
        float[] positive = new float[q * batch.length];
        for (int j = 0; j < batch.length; j++) {
            Integer r = row.get(queries[batch[j]]);
            if (r != null) {
                member[r * batch.length + j] = 1f;
                if (labels[batch[j]] == 1) {
                    positive[r * batch.length + j] = 1f / counts.get(queries[batch[j]])[1];
                }
            }
        }
        NDArray c = s.max().stopGradient();
        NDArray lse = m.create(member, new Shape(q, batch.length)).matMul(s.sub(c).exp()).log().add(c);
        NDArray target = m.create(positive, new Shape(q, batch.length)).matMul(s);
        return lse.sub(target).sum().div(q);
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

package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hydra.heads.TrainingObjective;
import dev.hydra.heads.TrainingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Joint training, on DJL/PyTorch, of the base, the shared default head and one head per training user.
 *
 * <p>A batch mixes users: the per-user head weights are stacked into matrices {@code [U, h*m]} and gathered
 * per example by a one-hot product ({@code onehot[B,U] · W1[U,h*m] -> [B,h,m]}), then applied with batched
 * matrix products; the gradient flows back to exactly the heads in the batch. Every example also trains the
 * shared default head (the cold-start head), so the loss is {@code CE(user head) + CE(default head)}, pointwise
 * or listwise as the options say ({@link dev.hydra.heads.TrainingObjective}).
 */
public final class JointTraining {

    /**
     * The trained model.
     *
     * @param base the base
     * @param shared the default head
     * @param heads one head per user index
     * @param outcome the loop's counters
     */
    public record Result(BaseNet base, HeadNet shared, List<HeadNet> heads, TrainLoop.Outcome outcome) {}

    private JointTraining() {}

    /**
     * Trains.
     *
     * @param features the pairs' features, row-major {@code [N, F]}
     * @param users each example's user index in {@code [0, U)}
     * @param labels each example's label
     * @param queries each example's query index: held-out data is split by whole queries
     * @param base the initial base
     * @param shared the initial default head
     * @param heads the initial user heads, {@code U} of them
     * @param options the options
     * @return the kept weights
     */
    public static Result train(float[] features, int[] users, int[] labels, int[] queries, BaseNet base,
            HeadNet shared, List<HeadNet> heads, TrainingOptions options) {
        return Djl.call(() -> {
            try (NDManager root = Djl.newManager()) {
                return run(root, features, users, labels, queries, base, shared, heads, options);
            }
        });
    }

    private static Result run(NDManager root, float[] features, int[] users, int[] labels, int[] queries,
            BaseNet base, HeadNet shared, List<HeadNet> heads, TrainingOptions options) {
        int f = base.inputs();
        int h = base.outputs();
        int m = shared.first().out();
        int u = heads.size();
        int layers = base.layers().size();
        List<NDArray> params = new ArrayList<>();
        for (Linear layer : base.layers()) {
            Tensors.addLayer(root, layer, params);
        }
        Tensors.addLayer(root, shared.first(), params);
        Tensors.addLayer(root, shared.second(), params);
        int stacked = params.size();
        params.add(stack(root, heads, x -> x.first().w(), h * m));
        params.add(stack(root, heads, x -> x.first().b(), m));
        params.add(stack(root, heads, x -> x.second().w(), m * 2));
        params.add(stack(root, heads, x -> x.second().b(), 2));
        TrainLoop.BatchLoss loss = (bm, batch) -> {
            int b = batch.length;
            NDArray z = Tensors.rows(bm, features, f, batch);
            for (int l = 0; l < layers; l++) {
                z = z.matMul(params.get(2 * l)).add(params.get(2 * l + 1));
                if (l < layers - 1) {
                    z = z.maximum(0f);
                }
            }
            NDArray y = Tensors.oneHot(bm, labels, 2, batch);
            NDArray sharedLogits = Tensors.head(z, params, 2 * layers);
            NDArray who = Tensors.oneHot(bm, users, u, batch);
            NDArray w1 = who.matMul(params.get(stacked)).reshape(b, h, m);
            NDArray hidden = z.reshape(b, 1, h).batchMatMul(w1).reshape(b, m)
                    .add(who.matMul(params.get(stacked + 1))).tanh();
            NDArray w2 = who.matMul(params.get(stacked + 2)).reshape(b, m, 2);
            NDArray logits = hidden.reshape(b, 1, m).batchMatMul(w2).reshape(b, 2)
                    .add(who.matMul(params.get(stacked + 3)));
            if (options.objective() == TrainingObjective.LISTWISE) {
                return Tensors.listwise(bm, logits, labels, queries, batch)
                        .add(Tensors.listwise(bm, sharedLogits, labels, queries, batch));
            }
            return Tensors.crossEntropy(logits, y).add(Tensors.crossEntropy(sharedLogits, y));
        };
        TrainLoop.Outcome outcome = TrainLoop.run(root, params, loss, users, queries, options);
        return unpack(outcome, base, h, m, u);
    }

    private static Result unpack(TrainLoop.Outcome outcome, BaseNet base, int h, int m, int u) {
        float[][] w = outcome.weights();
        List<Linear> layers = new ArrayList<>();
        int p = 0;
        for (Linear layer : base.layers()) {
            layers.add(new Linear(layer.in(), layer.out(), w[p], w[p + 1]));
            p += 2;
        }
        HeadNet shared = new HeadNet(new Linear(h, m, w[p], w[p + 1]), new Linear(m, 2, w[p + 2], w[p + 3]));
        p += 4;
        List<HeadNet> heads = new ArrayList<>();
        for (int i = 0; i < u; i++) {
            heads.add(new HeadNet(
                    new Linear(h, m, row(w[p], i, h * m), row(w[p + 1], i, m)),
                    new Linear(m, 2, row(w[p + 2], i, m * 2), row(w[p + 3], i, 2))));
        }
        return new Result(new BaseNet(layers), shared, heads, outcome);
    }

    private static NDArray stack(NDManager root, List<HeadNet> heads, java.util.function.Function<HeadNet, float[]> part,
            int width) {
        float[] out = new float[heads.size() * width];
        for (int i = 0; i < heads.size(); i++) {
            System.arraycopy(part.apply(heads.get(i)), 0, out, i * width, width);
        }
        return Tensors.param(root, out, heads.size(), width);
    }

    private static float[] row(float[] matrix, int index, int width) {
        float[] out = new float[width];
        System.arraycopy(matrix, index * width, out, 0, width);
        return out;
    }
}

package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hydra.api.spi.HeadArchitecture;
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
 *
 * <p>That is the path of the built-in kinds ({@link MlpHead}). The heads of any other
 * {@link HeadArchitecture} are stacked as flat rows {@code [U, P]}, gathered the same way, and run in Java through
 * {@link JavaHeads}; the base, the loss and the optimizer are the same.
 */
public final class JointTraining {

    /**
     * The trained model.
     *
     * @param base the base
     * @param shared the default head's flat parameters
     * @param heads one head's flat parameters per user index
     * @param outcome the loop's counters
     */
    public record Result(BaseNet base, float[] shared, List<float[]> heads, TrainLoop.Outcome outcome) {}

    private JointTraining() {}

    /**
     * Trains.
     *
     * @param features the pairs' features, row-major {@code [N, F]}
     * @param users each example's user index in {@code [0, U)}
     * @param labels each example's label
     * @param queries each example's query index: held-out data is split by whole queries
     * @param base the initial base
     * @param head the heads' architecture
     * @param shared the initial default head's flat parameters
     * @param heads the initial user heads' flat parameters, {@code U} of them
     * @param options the options
     * @return the kept weights
     */
    public static Result train(float[] features, int[] users, int[] labels, int[] queries, BaseNet base,
            HeadArchitecture head, float[] shared, List<float[]> heads, TrainingOptions options) {
        return Djl.call(() -> {
            try (NDManager root = Djl.newManager()) {
                if (head instanceof MlpHead mlp) {
                    int h = base.outputs();
                    int m = mlp.width(h);
                    Result r = run(root, features, users, labels, queries, base, HeadNet.fromFlat(h, m, shared),
                            heads.stream().map(x -> HeadNet.fromFlat(h, m, x)).toList(), options);
                    return r;
                }
                return runGeneric(root, features, users, labels, queries, base, head, shared, heads, options);
            }
        });
    }

    private static Result runGeneric(NDManager root, float[] features, int[] users, int[] labels, int[] queries,
            BaseNet base, HeadArchitecture head, float[] shared, List<float[]> heads, TrainingOptions options) {
        int f = base.inputs();
        int p = shared.length;
        int u = heads.size();
        int layers = base.layers().size();
        List<NDArray> params = new ArrayList<>();
        for (Linear layer : base.layers()) {
            Tensors.addLayer(root, layer, params);
        }
        params.add(Tensors.param(root, shared, p));
        params.add(stack(root, heads, x -> x, p));
        TrainLoop.BatchLoss loss = (bm, batch) -> {
            NDArray z = forwardBase(bm, features, f, batch, params, layers);
            NDArray sharedLogits = JavaHeads.logits(bm, head, z, params.get(2 * layers));
            NDArray who = Tensors.oneHot(bm, users, u, batch);
            NDArray logits = JavaHeads.logits(bm, head, z, who.matMul(params.get(2 * layers + 1)));
            return loss(bm, logits, sharedLogits, labels, queries, batch, options);
        };
        TrainLoop.Outcome outcome = TrainLoop.run(root, params, loss, users, queries, options);
        float[][] w = outcome.weights();
        List<float[]> trained = new ArrayList<>();
        for (int i = 0; i < u; i++) {
            trained.add(row(w[2 * layers + 1], i, p));
        }
        return new Result(unpackBase(w, base), w[2 * layers], trained, outcome);
    }

    /** The base's outputs {@code [B, h]} of a batch: linear layers with ReLU between them. */
    private static NDArray forwardBase(NDManager bm, float[] features, int f, int[] batch, List<NDArray> params,
            int layers) {
        NDArray z = Tensors.rows(bm, features, f, batch);
        for (int l = 0; l < layers; l++) {
            z = z.matMul(params.get(2 * l)).add(params.get(2 * l + 1));
            if (l < layers - 1) {
                z = z.maximum(0f);
            }
        }
        return z;
    }

    /** {@code CE(user head) + CE(default head)}, pointwise or listwise. */
    private static NDArray loss(NDManager bm, NDArray logits, NDArray sharedLogits, int[] labels, int[] queries,
            int[] batch, TrainingOptions options) {
        if (options.objective() == TrainingObjective.LISTWISE) {
            return Tensors.listwise(bm, logits, labels, queries, batch)
                    .add(Tensors.listwise(bm, sharedLogits, labels, queries, batch));
        }
        NDArray y = Tensors.oneHot(bm, labels, 2, batch);
        return Tensors.crossEntropy(logits, y).add(Tensors.crossEntropy(sharedLogits, y));
    }

    private static BaseNet unpackBase(float[][] w, BaseNet base) {
        List<Linear> layers = new ArrayList<>();
        int p = 0;
        for (Linear layer : base.layers()) {
            layers.add(new Linear(layer.in(), layer.out(), w[p], w[p + 1]));
            p += 2;
        }
        return new BaseNet(layers);
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
            NDArray z = forwardBase(bm, features, f, batch, params, layers);
            NDArray sharedLogits = Tensors.head(z, params, 2 * layers);
            NDArray who = Tensors.oneHot(bm, users, u, batch);
            NDArray w1 = who.matMul(params.get(stacked)).reshape(b, h, m);
            NDArray hidden = z.reshape(b, 1, h).batchMatMul(w1).reshape(b, m)
                    .add(who.matMul(params.get(stacked + 1))).tanh();
            NDArray w2 = who.matMul(params.get(stacked + 2)).reshape(b, m, 2);
            NDArray logits = hidden.reshape(b, 1, m).batchMatMul(w2).reshape(b, 2)
                    .add(who.matMul(params.get(stacked + 3)));
            return loss(bm, logits, sharedLogits, labels, queries, batch, options);
        };
        TrainLoop.Outcome outcome = TrainLoop.run(root, params, loss, users, queries, options);
        return unpack(outcome, base, h, m, u);
    }

    private static Result unpack(TrainLoop.Outcome outcome, BaseNet base, int h, int m, int u) {
        float[][] w = outcome.weights();
        int p = 2 * base.layers().size();
        HeadNet shared = new HeadNet(new Linear(h, m, w[p], w[p + 1]), new Linear(m, 2, w[p + 2], w[p + 3]));
        p += 4;
        List<float[]> heads = new ArrayList<>();
        for (int i = 0; i < u; i++) {
            heads.add(new HeadNet(
                    new Linear(h, m, row(w[p], i, h * m), row(w[p + 1], i, m)),
                    new Linear(m, 2, row(w[p + 2], i, m * 2), row(w[p + 3], i, 2))).flat());
        }
        return new Result(unpackBase(w, base), shared.flat(), heads, outcome);
    }

    private static <T> NDArray stack(NDManager root, List<T> heads, java.util.function.Function<T, float[]> part,
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

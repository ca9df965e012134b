package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.heads.TrainingObjective;
import dev.hydra.heads.TrainingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits one user's head, on DJL/PyTorch, with the base frozen: the base outputs of the user's pairs are
 * computed once (they do not change), and only the head's four arrays are trained, with an optional L2 pull
 * towards the starting head ({@link TrainingOptions#anchor()}). A built-in head ({@link MlpHead}) runs as
 * tensors; any other {@link HeadArchitecture} as one flat parameter array run in Java through {@link JavaHeads}.
 */
public final class HeadFitting {

    private HeadFitting() {}

    /**
     * Fits a head.
     *
     * @param baseOutputs the base outputs of the pairs, row-major {@code [N, h]}
     * @param labels the labels
     * @param queries each pair's query index: held-out data is split by whole queries
     * @param head the head's architecture
     * @param startParams the initial head's flat parameters
     * @param options the options
     * @return the fitted head and the loop's counters
     */
    public static Fitted fit(float[] baseOutputs, int[] labels, int[] queries, HeadArchitecture head,
            float[] startParams, TrainingOptions options) {
        return Djl.call(() -> {
            try (NDManager root = Djl.newManager()) {
                int h = baseOutputs.length / labels.length;
                MlpHead mlp = head instanceof MlpHead x ? x : null;
                List<NDArray> params = new ArrayList<>();
                if (mlp != null) {
                    HeadNet start = HeadNet.fromFlat(h, mlp.width(h), startParams);
                    Tensors.addLayer(root, start.first(), params);
                    Tensors.addLayer(root, start.second(), params);
                } else {
                    params.add(Tensors.param(root, startParams, startParams.length));
                }
                List<NDArray> anchor = new ArrayList<>();
                for (NDArray p : params) {
                    anchor.add(p.duplicate());
                }
                TrainLoop.BatchLoss loss = (bm, batch) -> {
                    NDArray z = Tensors.rows(bm, baseOutputs, h, batch);
                    NDArray logits = mlp != null ? Tensors.head(z, params, 0)
                            : JavaHeads.logits(bm, head, z, params.get(0));
                    NDArray ce = options.objective() == TrainingObjective.LISTWISE
                            ? Tensors.listwise(bm, logits, labels, queries, batch)
                            : Tensors.crossEntropy(logits, Tensors.oneHot(bm, labels, 2, batch));
                    return options.anchor() > 0 ? ce.add(pull(bm, params, anchor, (float) options.anchor())) : ce;
                };
                TrainLoop.Outcome o = TrainLoop.run(root, params, loss, new int[labels.length], queries, options);
                float[][] w = o.weights();
                float[] fitted = mlp == null ? w[0] : new HeadNet(new Linear(h, mlp.width(h), w[0], w[1]),
                        new Linear(mlp.width(h), 2, w[2], w[3])).flat();
                return new Fitted(fitted, o.epochs(), o.bestEpoch(), o.trainLoss(), o.validationLoss());
            }
        });
    }

    /** {@code weight * sum((p - p0)^2)}: keeps a head fitted on few pairs close to the head it started from. */
    private static NDArray pull(NDManager bm, List<NDArray> params, List<NDArray> anchor, float weight) {
        NDArray total = bm.zeros(new Shape());
        for (int i = 0; i < params.size(); i++) {
            NDArray diff = params.get(i).sub(anchor.get(i));
            diff.attach(bm);
            total = total.add(diff.square().sum());
        }
        return total.mul(weight);
    }

    /**
     * A fitted head.
     *
     * @param head the head's flat parameters
     * @param epochs epochs run
     * @param bestEpoch the kept epoch
     * @param trainLoss the last epoch's training loss
     * @param validationLoss the kept epoch's held-out loss, or NaN
     */
    public record Fitted(float[] head, int epochs, int bestEpoch, double trainLoss, double validationLoss) {}
}

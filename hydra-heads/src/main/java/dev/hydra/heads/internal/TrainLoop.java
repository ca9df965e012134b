package dev.hydra.heads.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.hydra.heads.TrainingObjective;
import dev.hydra.heads.TrainingOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The training loop shared by joint training and head fitting: a per-user held-out split, a seeded shuffle
 * each epoch, AdamW steps under a {@link GradientCollector}, early stopping on the held-out loss, and a
 * snapshot of the best weights. Every batch's arrays live in a sub-manager closed after the batch.
 */
public final class TrainLoop {

    /** The loss of a batch of example indices, as a scalar NDArray created in the given manager. */
    interface BatchLoss {
        NDArray loss(NDManager batchManager, int[] batch);
    }

    /**
     * The outcome: the kept weights (one array per parameter) and the counters for the report.
     *
     * @param weights the kept weights
     * @param epochs the epochs run
     * @param bestEpoch the kept epoch, from 1; 0 when the starting weights were kept
     * @param trainLoss the last epoch's mean training loss
     * @param validationLoss the kept epoch's held-out loss, or NaN
     */
    public record Outcome(float[][] weights, int epochs, int bestEpoch, double trainLoss, double validationLoss) {}

    private TrainLoop() {}

    static Outcome run(NDManager root, List<NDArray> params, BatchLoss loss, int[] groups, int[] queries,
            TrainingOptions o) {
        // PyTorch's grad mode is per thread and starts on; DJL turns it off only on the thread that started the
        // engine, and a gradient collector restores the mode it found. On any other thread (a background fitter's)
        // the optimizer's in-place steps would then run with it on and fail on the leaf parameters.
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return runWithoutGradMode(root, params, loss, groups, queries, o);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static Outcome runWithoutGradMode(NDManager root, List<NDArray> params, BatchLoss loss, int[] groups,
            int[] queries, TrainingOptions o) {
        for (NDArray p : params) {
            p.setRequiresGradient(true);
        }
        Random random = new Random(o.seed() ^ 0x5DEECE66DL);
        int[][] split = split(groups, queries, o.validationFraction(), random);
        int[] train = split[0];
        int[] validation = split[1];
        boolean byQuery = o.objective() == TrainingObjective.LISTWISE;
        AdamW optimizer = new AdamW(params, o.learningRate(), o.weightDecay());
        float[][] best = snapshot(params);
        // epoch 0 is the starting point: when no epoch beats it on the held-out part (a new user's head that
        // only overfits), the starting weights are kept
        double bestLoss = validation.length == 0 ? Double.POSITIVE_INFINITY
                : evaluate(root, loss, validation, queries, o.batchSize(), byQuery);
        int bestEpoch = 0;
        int epoch = 0;
        double trainLoss = Double.NaN;
        Engine engine = Engine.getEngine(Djl.ENGINE);
        while (epoch < o.epochs() && epoch - bestEpoch < o.patience()) {
            epoch++;
            shuffle(train, random);
            double sum = 0;
            for (int[] batch : batches(train, queries, o.batchSize(), byQuery)) {
                try (NDManager batchManager = root.newSubManager()) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray l = loss.loss(batchManager, batch);
                        collector.backward(l);
                        sum += l.getFloat() * batch.length;
                    }
                    optimizer.step(batchManager);
                }
            }
            trainLoss = sum / Math.max(1, train.length);
            double current = validation.length == 0 ? trainLoss
                    : evaluate(root, loss, validation, queries, o.batchSize(), byQuery);
            if (validation.length == 0 || current < bestLoss) {
                bestLoss = current;
                bestEpoch = epoch;
                best = snapshot(params);
            }
        }
        return new Outcome(best, epoch, bestEpoch, trainLoss, validation.length == 0 ? Double.NaN : bestLoss);
    }

    private static double evaluate(NDManager root, BatchLoss loss, int[] examples, int[] queries, int batchSize,
            boolean byQuery) {
        double sum = 0;
        for (int[] batch : batches(examples, queries, batchSize, byQuery)) {
            try (NDManager batchManager = root.newSubManager()) {
                sum += loss.loss(batchManager, batch).getFloat() * batch.length;
            }
        }
        return sum / examples.length;
    }

    /**
     * Cuts shuffled example indices into batches of about {@code size}: consecutive runs, or, by query, whole
     * queries (a query's examples in one batch, queries in the order their first example comes, a batch closed
     * once it holds {@code size} examples or more).
     */
    static List<int[]> batches(int[] examples, int[] queries, int size, boolean byQuery) {
        List<int[]> out = new ArrayList<>();
        if (!byQuery) {
            for (int from = 0; from < examples.length; from += size) {
                out.add(java.util.Arrays.copyOfRange(examples, from, Math.min(examples.length, from + size)));
            }
            return out;
        }
        Map<Integer, List<Integer>> byId = new java.util.LinkedHashMap<>();
        for (int i : examples) {
            byId.computeIfAbsent(queries[i], q -> new ArrayList<>()).add(i);
        }
        List<Integer> current = new ArrayList<>();
        for (List<Integer> query : byId.values()) {
            current.addAll(query);
            if (current.size() >= size) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** Splits example indices, each its own query, into training and held-out parts per group. */
    static int[][] split(int[] groups, double fraction, Random random) {
        int[] queries = new int[groups.length];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = i;
        }
        return split(groups, queries, fraction, random);
    }

    /**
     * Splits example indices into training and held-out parts by whole queries: of each group's (user's) queries,
     * {@code floor(q_g * fraction)} are held out with all their examples, and at least one when the group has 3
     * or more queries, so that a held-out query is never half seen in training.
     */
    static int[][] split(int[] groups, int[] queries, double fraction, Random random) {
        Map<Integer, TreeSet<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            byGroup.computeIfAbsent(groups[i], g -> new TreeSet<>()).add(queries[i]);
        }
        Set<Integer> held = new HashSet<>();
        for (TreeSet<Integer> own : byGroup.values()) {
            int[] ids = own.stream().mapToInt(Integer::intValue).toArray();
            shuffle(ids, random);
            int take = (int) Math.floor(ids.length * fraction);
            if (take == 0 && fraction > 0 && ids.length >= 3) {
                take = 1;
            }
            for (int j = 0; j < take; j++) {
                held.add(ids[j]);
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        int[] order = new int[groups.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        for (int i : order) {
            (held.contains(queries[i]) ? heldOut : train).add(i);
        }
        return new int[][] {
                train.stream().mapToInt(Integer::intValue).toArray(),
                heldOut.stream().mapToInt(Integer::intValue).toArray()
        };
    }

    /** Fisher-Yates with the given source of randomness. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private static float[][] snapshot(List<NDArray> params) {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = params.get(i).toFloatArray();
        }
        return out;
    }
}

package dev.hydra.heads.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shared base: linear layers with ReLU between them (the last one linear), evaluated in plain Java.
 *
 * <p>The first layer is split at the query block of the features ({@code [0, queryBlock)}): that part is the
 * same for every item of one query, so {@link #queryPart} computes it once and {@link #forward} adds the rest.
 *
 * @param layers the layers, the output of each the input of the next
 */
public record BaseNet(List<Linear> layers) {

    /**
     * Copies the list.
     */
    public BaseNet {
        layers = List.copyOf(layers);
    }

    /**
     * A freshly initialized base.
     *
     * @param inputs the number of input features
     * @param hidden the widths of the layers
     * @param random the source of randomness
     * @return the base
     */
    public static BaseNet init(int inputs, List<Integer> hidden, Random random) {
        List<Linear> layers = new ArrayList<>();
        int in = inputs;
        for (int width : hidden) {
            layers.add(Linear.init(in, width, random));
            in = width;
        }
        return new BaseNet(layers);
    }

    /**
     * The first layer's bias plus the contribution of the features {@code [0, queryBlock)}.
     *
     * @param features any features whose first {@code queryBlock} values are the query block
     * @param queryBlock the length of the query block
     * @return the partial pre-activation of the first layer
     */
    public float[] queryPart(float[] features, int queryBlock) {
        Linear first = layers.get(0);
        float[] acc = first.b().clone();
        first.accumulate(features, 0, 0, queryBlock, acc);
        return acc;
    }

    /**
     * The base output for the features of one pair.
     *
     * @param features the features, from {@code offset}
     * @param offset where the pair's features start
     * @param queryPart {@link #queryPart} of the same query
     * @param queryBlock the length of the query block
     * @return the output, of the last layer's width
     */
    public float[] forward(float[] features, int offset, float[] queryPart, int queryBlock) {
        Linear first = layers.get(0);
        float[] x = queryPart.clone();
        first.accumulate(features, offset, queryBlock, first.in(), x);
        for (int l = 1; l < layers.size(); l++) {
            relu(x);
            x = layers.get(l).apply(x);
        }
        return x;
    }

    /**
     * The base outputs for the features of several pairs of one query. The first layer, the largest, is
     * applied input by input to all pairs at once, so each of its weight rows is read once per call rather
     * than once per pair.
     *
     * @param features per pair, its features
     * @param queryPart {@link #queryPart} of the query
     * @param queryBlock the length of the query block
     * @return per pair, the output
     */
    public float[][] forward(float[][] features, float[] queryPart, int queryBlock) {
        Linear first = layers.get(0);
        int n = features.length;
        int out = first.out();
        float[] w = first.w();
        float[][] x = new float[n][];
        for (int k = 0; k < n; k++) {
            x[k] = queryPart.clone();
        }
        for (int i = queryBlock; i < first.in(); i++) {
            int row = i * out;
            for (int k = 0; k < n; k++) {
                float xi = features[k][i];
                if (xi == 0f) {
                    continue;
                }
                float[] acc = x[k];
                for (int j = 0; j < out; j++) {
                    acc[j] += xi * w[row + j];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int l = 1; l < layers.size(); l++) {
                relu(x[k]);
                x[k] = layers.get(l).apply(x[k]);
            }
        }
        return x;
    }

    /**
     * The base output for the features of one pair, without a precomputed query part.
     *
     * @param features the features
     * @return the output
     */
    public float[] forward(float[] features) {
        return forward(features, 0, layers.get(0).b(), 0);
    }

    /**
     * The number of input features.
     *
     * @return the first layer's input width
     */
    public int inputs() {
        return layers.get(0).in();
    }

    /**
     * The output width.
     *
     * @return the last layer's output width
     */
    public int outputs() {
        return layers.get(layers.size() - 1).out();
    }

    private static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                x[i] = 0;
            }
        }
    }
}

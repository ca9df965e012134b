package dev.hydra.minilm.internal.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of LangChain4j's {@code OnnxBertBiEncoder} (1.19), step for step and in the same float order, so
 * that {@link ParallelBertEmbeddingModel} gives the same vectors: windows of tokens, mean pooling, the average of
 * windows weighted by their token counts, L2 normalization.
 */
final class BertPooling {

    private BertPooling() {}

    /**
     * Cuts a text's tokens (with {@code [CLS]} first and {@code [SEP]} last) into windows of at most {@code size}
     * tokens without them, moving each cut back so that no word is split, unless a word is longer than a window.
     *
     * @param tokens the tokens
     * @param size the most tokens of a window
     * @return the windows; empty for a text without tokens
     */
    static List<List<String>> windows(List<String> tokens, int size) {
        List<List<String>> out = new ArrayList<>();
        int from = 1;
        while (from < tokens.size() - 1) {
            int to = from + size;
            if (to >= tokens.size() - 1) {
                to = tokens.size() - 1;
            } else {
                while (to > from && tokens.get(to).startsWith("##")) {
                    to--;
                }
                if (to == from) {
                    to = from + size;
                }
            }
            out.add(tokens.subList(from, to));
            from = to;
        }
        return out;
    }

    /**
     * Whether a sentence's tokens, {@code [CLS]} first and {@code [SEP]} last, are exactly a window: then the
     * sentence is what LangChain4j encodes for that window (else it encodes the window's tokens joined by spaces).
     *
     * @param tokens the tokens of the sentence built from the window, with the special tokens
     * @param window the window's tokens
     * @return {@code true} when the tokens without the first and the last are the window
     */
    static boolean isWindow(String[] tokens, List<String> window) {
        if (tokens.length != window.size() + 2) {
            return false;
        }
        for (int i = 0; i < window.size(); i++) {
            if (!tokens[i + 1].equals(window.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The mean of token vectors.
     *
     * @param vectors the token vectors of one window
     * @return their mean
     */
    static float[] mean(float[][] vectors) {
        float[] avg = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int j = 0; j < avg.length; j++) {
                avg[j] += v[j];
            }
        }
        for (int j = 0; j < avg.length; j++) {
            avg[j] /= vectors.length;
        }
        return avg;
    }

    /**
     * The average of window vectors weighted by their token counts.
     *
     * @param vectors the window vectors
     * @param weights their token counts
     * @return the average; the only vector itself when there is one
     */
    static float[] weightedAverage(List<float[]> vectors, List<Integer> weights) {
        if (vectors.size() == 1) {
            return vectors.get(0);
        }
        float[] avg = new float[vectors.get(0).length];
        int total = 0;
        for (int i = 0; i < vectors.size(); i++) {
            int w = weights.get(i);
            total += w;
            for (int j = 0; j < avg.length; j++) {
                avg[j] += vectors.get(i)[j] * w;
            }
        }
        for (int j = 0; j < avg.length; j++) {
            avg[j] /= total;
        }
        return avg;
    }

    /**
     * Scales a vector to length 1.
     *
     * @param v the vector
     * @return a new vector
     */
    static float[] normalize(float[] v) {
        float sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }
}

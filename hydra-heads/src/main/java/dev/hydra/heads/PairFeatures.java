package dev.hydra.heads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The input of the scorers: features of one (query, item) pair computed from the frozen encoder's vectors.
 *
 * <p>For a query vector {@code q} and an item (or candidate) vector {@code d} of dimension {@code D}, the
 * features are, in this order:
 * <ol>
 *   <li>{@code q * sqrt(D)} ({@code D} values),
 *   <li>{@code d * sqrt(D)} ({@code D} values),
 *   <li>{@code q ⊙ d * D}, the element-wise product ({@code D} values; their mean is the cosine),
 *   <li>{@code |q - d| * sqrt(D)}, the element-wise absolute difference ({@code D} values),
 *   <li>the extra scalar features as given, e.g. for the reranker the retriever's score normalized to the
 *       best score of the list and the reciprocal rank {@code 1 / (1 + rank)} (see {@link #rerankerExtras}).
 * </ol>
 * The scaling gives each component of unit-norm vectors a magnitude near 1, which suits the optimizer.
 *
 * @since 0.1
 */
public final class PairFeatures {

    private PairFeatures() {}

    /**
     * The number of features for an encoder dimension.
     *
     * @param encoderDim {@code D}
     * @param extras the number of extra scalar features
     * @return {@code 4 * D + extras}
     */
    public static int size(int encoderDim, int extras) {
        return 4 * encoderDim + extras;
    }

    /**
     * Computes the features of one pair.
     *
     * @param query the query vector; never {@code null}
     * @param item the item vector, of the same length; never {@code null}
     * @param extras the extra features; never {@code null}, may be empty
     * @return a new array of {@link #size} features
     * @throws IllegalArgumentException when the vectors differ in length
     */
    public static float[] of(float[] query, float[] item, float[] extras) {
        float[] out = new float[size(query.length, extras.length)];
        write(query, item, extras, out, 0);
        return out;
    }

    /**
     * Writes the features of one pair into an array.
     *
     * @param query the query vector
     * @param item the item vector, of the same length
     * @param extras the extra features
     * @param out where to write
     * @param offset the first index written
     * @throws IllegalArgumentException when the vectors differ in length
     */
    public static void write(float[] query, float[] item, float[] extras, float[] out, int offset) {
        int d = query.length;
        if (item.length != d) {
            throw new IllegalArgumentException("query and item vectors differ in length: " + d + " vs " + item.length);
        }
        float s = (float) Math.sqrt(d);
        for (int i = 0; i < d; i++) {
            float q = query[i];
            float v = item[i];
            out[offset + i] = q * s;
            out[offset + d + i] = v * s;
            out[offset + 2 * d + i] = q * v * d;
            out[offset + 3 * d + i] = Math.abs(q - v) * s;
        }
        System.arraycopy(extras, 0, out, offset + 4 * d, extras.length);
    }

    /**
     * The reranker's two extra features for the item at a rank of a retrieved list.
     *
     * @param score the retriever's score of the item
     * @param bestScore the retriever's score of the first item of the list
     * @param rank the item's rank in the retrieved list, from 0
     * @return {@code [score / bestScore (0 when bestScore <= 0), 1 / (1 + rank)]}
     */
    public static float[] rerankerExtras(double score, double bestScore, int rank) {
        float relative = bestScore > 0 ? (float) (score / bestScore) : 0f;
        return new float[] {relative, 1f / (1 + rank)};
    }

    /**
     * The reranker's three extra features when it also sees the items' answers: {@link #rerankerExtras(double,
     * double, int)} followed by the item's {@link #answerConsensus answer consensus}.
     *
     * @param score the retriever's score of the item
     * @param bestScore the retriever's score of the first item of the list
     * @param rank the item's rank in the retrieved list, from 0
     * @param consensus the item's answer consensus in the list, in {@code [0, 1]}
     * @return {@code [score / bestScore, 1 / (1 + rank), consensus]}
     */
    public static float[] rerankerExtras(double score, double bestScore, int rank, double consensus) {
        float[] two = rerankerExtras(score, bestScore, rank);
        return new float[] {two[0], two[1], (float) consensus};
    }

    /**
     * How much each item's answer agrees with the answers of the other items of the same list: the mean, over
     * the other items, of the word-set overlap {@code 2|A ∩ B| / (|A| + |B|)} of the two answers (lower-cased
     * words of letters and digits). For labels and ratings this is the share of the list with the same answer;
     * for titles, how typical the title is of the list. An item without words, or alone in its list, gets 0.
     *
     * @param outputs the items' answers, in list order; never {@code null}
     * @return one value in {@code [0, 1]} per item
     */
    public static double[] answerConsensus(List<String> outputs) {
        int n = outputs.size();
        List<Set<String>> words = new ArrayList<>(n);
        for (String o : outputs) {
            Set<String> w = new HashSet<>();
            for (String t : (o == null ? "" : o).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!t.isEmpty()) {
                    w.add(t);
                }
            }
            words.add(w);
        }
        double[] out = new double[n];
        for (int i = 0; i < n && n > 1; i++) {
            if (words.get(i).isEmpty()) {
                continue;
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && !words.get(j).isEmpty()) {
                    long common = words.get(i).stream().filter(words.get(j)::contains).count();
                    sum += 2.0 * common / (words.get(i).size() + words.get(j).size());
                }
            }
            out[i] = sum / (n - 1);
        }
        return out;
    }
}

package dev.hydra.core.metrics;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accuracy and macro-F1 of free-text answers to a fixed label set, as LaMP's and HYDRA's
 * {@code create_metric_f1_accuracy_chatgpt} (HYDRA {@code metrics/classification_metrics.py}) computes them.
 *
 * <p>Both answer and gold are lowercased and stripped, then cut before the first {@code ','} and before the
 * first {@code '!'}; an answer is also cut after its first {@code ']'} (so {@code "[1] because"} reads
 * {@code "[1]"}). The result must equal a label exactly to count; anything else (an empty, verbose or
 * off-list answer) is index {@code -1} and wrong. Accuracy is scikit-learn's {@code accuracy_score}; F1 is
 * {@code f1_score(average="macro", labels=range(len(labels)))}: the plain mean over <em>every</em> label of
 * {@code 2TP / (2TP + FP + FN)}, where a label absent from both golds and answers scores {@code 0}
 * (scikit-learn's default {@code zero_division="warn"}) and an answer of {@code -1} is a false negative of
 * its gold but no label's false positive.
 *
 * <p>One deliberate difference: a gold that matches no label is rejected, where the reference would map it to
 * {@code -1} and count an unparsable answer to it as correct.
 *
 * @since 0.1
 */
public final class Classification {

    private Classification() {}

    /**
     * Normalizes an answer as {@code postprocess_text_cls} does for predictions.
     *
     * @param prediction the raw answer, never {@code null}
     * @return lowercased, stripped, cut at the first {@code ','} and {@code '!'}, kept up to the first {@code ']'}
     * @throws IllegalArgumentException when {@code prediction} is {@code null}
     */
    public static String normalizePrediction(String prediction) {
        String text = normalizeGold(Args.notNull(prediction, "prediction"));
        int bracket = text.indexOf(']');
        return bracket >= 0 ? text.substring(0, bracket + 1) : text;
    }

    /**
     * Normalizes a gold label as {@code postprocess_text_cls} does for labels.
     *
     * @param gold the raw gold, never {@code null}
     * @return lowercased, stripped, cut at the first {@code ','} and then the first {@code '!'}
     * @throws IllegalArgumentException when {@code gold} is {@code null}
     */
    public static String normalizeGold(String gold) {
        String text = PythonText.strip(PythonText.lower(Args.notNull(gold, "gold")));
        text = cutBefore(text, ',');
        return cutBefore(text, '!');
    }

    private static String cutBefore(String text, char c) {
        int at = text.indexOf(c);
        return at >= 0 ? text.substring(0, at) : text;
    }

    /**
     * Accuracy and macro-F1 of answers against golds over a label set.
     *
     * @param predictions the raw answers, never {@code null}, not empty, no {@code null} element
     * @param golds the raw golds, parallel to {@code predictions}; each must normalize to a label
     * @param labels the label set in its canonical order (LaMP's lowercase labels), never {@code null}, not
     *     empty, no {@code null} or duplicate element
     * @return {@code accuracy} and {@code f1}, both in [0, 1]
     * @throws IllegalArgumentException when a list is {@code null}, holds {@code null}, is empty, the sizes
     *     differ, a label repeats, or a gold is not a label
     */
    public static Map<String, Double> score(List<String> predictions, List<String> golds, List<String> labels) {
        Args.pairs(predictions, "predictions", golds, "golds");
        checkLabels(labels);
        int n = predictions.size();
        long[] truePositives = new long[labels.size()];
        long[] goldCounts = new long[labels.size()];
        long[] predictedCounts = new long[labels.size()];
        long correct = 0;
        for (int i = 0; i < n; i++) {
            int gold = labels.indexOf(normalizeGold(golds.get(i)));
            if (gold < 0) {
                throw new IllegalArgumentException("golds[" + i + "] \"" + golds.get(i) + "\" is not one of labels "
                        + labels + " after lowercasing, stripping and cutting at ',' and '!'");
            }
            int predicted = labels.indexOf(normalizePrediction(predictions.get(i)));
            goldCounts[gold]++;
            if (predicted >= 0) {
                predictedCounts[predicted]++;
            }
            if (predicted == gold) {
                correct++;
                truePositives[gold]++;
            }
        }
        double f1Sum = 0.0;
        for (int k = 0; k < labels.size(); k++) {
            long denominator = goldCounts[k] + predictedCounts[k];
            f1Sum += denominator == 0 ? 0.0 : 2.0 * truePositives[k] / denominator;
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put(Metrics.ACCURACY, (double) correct / n);
        result.put(Metrics.F1, f1Sum / labels.size());
        return result;
    }

    private static void checkLabels(List<String> labels) {
        Args.texts(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!seen.add(labels.get(i))) {
                throw new IllegalArgumentException(
                        "labels[" + i + "] \"" + labels.get(i) + "\" repeats an earlier label");
            }
        }
    }
}

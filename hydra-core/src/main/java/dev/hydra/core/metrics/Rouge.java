package dev.hydra.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-1 and ROUGE-L of one prediction against one target, as the Python {@code rouge-score} package
 * (0.1.2, {@code rouge_scorer.RougeScorer(["rouge1", "rougeL"])}) computes them with its defaults.
 *
 * <p>The default tokenizer, {@code rouge_score.tokenize.tokenize} without a stemmer, lowercases the text
 * (Python's full Unicode mapping, so {@code "İ"} and the Kelvin sign give {@code i} and {@code k}), replaces
 * everything but {@code [a-z0-9]} by spaces and keeps the runs of {@code [a-z0-9]}: accented letters, CJK and
 * emoji are separators and never tokens. ROUGE-1 counts clipped unigram overlap; ROUGE-L uses the length of
 * the longest common subsequence. Both give precision against the prediction, recall against the target and
 * F-measure {@code 2PR/(P+R)}; an empty side scores {@code 0}.
 *
 * @since 0.1
 */
public final class Rouge {

    private Rouge() {}

    /**
     * Splits a text into ROUGE tokens, as {@code rouge_score.tokenize.tokenize(text, None)}.
     *
     * @param text the text, never {@code null}
     * @return the lowercase {@code [a-z0-9]+} tokens in order, possibly empty
     * @throws IllegalArgumentException when {@code text} is {@code null}
     */
    public static List<String> tokenize(String text) {
        String lower = PythonText.lower(Args.notNull(text, "text"));
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean inToken = i < lower.length() && isTokenChar(lower.charAt(i));
            if (inToken && start < 0) {
                start = i;
            } else if (!inToken && start >= 0) {
                tokens.add(lower.substring(start, i));
                start = -1;
            }
        }
        return tokens;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /**
     * ROUGE-1 of a prediction against a target, as {@code RougeScorer(["rouge1"]).score(target, prediction)}.
     *
     * @param target the reference text, never {@code null}
     * @param prediction the predicted text, never {@code null}
     * @return precision, recall and F-measure of the clipped unigram overlap
     * @throws IllegalArgumentException when an argument is {@code null}
     */
    public static RougeScore rouge1(String target, String prediction) {
        List<String> targetTokens = tokenize(Args.notNull(target, "target"));
        List<String> predictionTokens = tokenize(Args.notNull(prediction, "prediction"));
        Map<String, Integer> predictionCounts = counts(predictionTokens);
        int overlap = 0;
        for (Map.Entry<String, Integer> entry : counts(targetTokens).entrySet()) {
            overlap += Math.min(entry.getValue(), predictionCounts.getOrDefault(entry.getKey(), 0));
        }
        double precision = (double) overlap / Math.max(predictionTokens.size(), 1);
        double recall = (double) overlap / Math.max(targetTokens.size(), 1);
        return RougeScore.of(precision, recall);
    }

    /**
     * ROUGE-L of a prediction against a target, as {@code RougeScorer(["rougeL"]).score(target, prediction)}.
     *
     * @param target the reference text, never {@code null}
     * @param prediction the predicted text, never {@code null}
     * @return precision, recall and F-measure of the longest common token subsequence
     * @throws IllegalArgumentException when an argument is {@code null}
     */
    public static RougeScore rougeL(String target, String prediction) {
        List<String> targetTokens = tokenize(Args.notNull(target, "target"));
        List<String> predictionTokens = tokenize(Args.notNull(prediction, "prediction"));
        if (targetTokens.isEmpty() || predictionTokens.isEmpty()) {
            return new RougeScore(0, 0, 0);
        }
        int lcs = lcsLength(targetTokens, predictionTokens);
        return RougeScore.of((double) lcs / predictionTokens.size(), (double) lcs / targetTokens.size());
    }

    /**
     * The mean of the ROUGE-1 and ROUGE-L F-measures: HYDRA's similarity of a generated answer to its gold when
     * labelling reranker pairs of free-text tasks (hydra-method.md §1.3).
     *
     * @param target the reference text, never {@code null}
     * @param prediction the predicted text, never {@code null}
     * @return {@code (rouge1.f + rougeL.f) / 2}
     */
    public static double meanF(String target, String prediction) {
        return (rouge1(target, prediction).fmeasure() + rougeL(target, prediction).fmeasure()) / 2;
    }

    /** The longest-common-subsequence length, by the dynamic programme of {@code rouge_scorer._lcs_table}. */
    private static int lcsLength(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    private static Map<String, Integer> counts(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        for (String token : tokens) {
            counts.merge(token, 1, Integer::sum);
        }
        return counts;
    }
}

package dev.hydra.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU as {@code sacrebleu.corpus_bleu(hypotheses, [references])} computes it with its defaults
 * (sacrebleu 2.x): tokenizer {@code 13a}, case-sensitive, {@code exp} smoothing, maximum order 4, no
 * effective order, 0-100 scale, one reference per hypothesis.
 *
 * <p>Each segment is right-stripped and tokenized as {@code tokenizers.tokenizer_13a.Tokenizer13a} (mteval
 * v13a: drop {@code <skipped>}, join {@code "-\n"}, newlines to spaces, unescape four HTML entities, split off
 * ASCII punctuation, periods and commas not between digits, and a dash after a digit). N-gram matches are
 * clipped per segment and summed over the corpus; with no hypothesis n-gram of some order, or no match at
 * all, the score is {@code 0} (sacrebleu's {@code my_log(0)} floor).
 *
 * @since 0.1
 */
public final class SacreBleu {

    private static final int MAX_ORDER = 4;

    /** sacrebleu's {@code my_log(0)}: a floor that makes {@code exp} of the mean exactly 0. */
    private static final double LOG_OF_ZERO = -9999999999.0;

    private static final Pattern[] PATTERNS = {
            // all ASCII punctuation but the apostrophe, comma, dash and period: the class of TokenizerRegexp
            Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40/])"),
            // period and comma unless preceded by a digit
            Pattern.compile("([^0-9])([.,])"),
            // period and comma unless followed by a digit
            Pattern.compile("([.,])([^0-9])"),
            // dash when preceded by a digit
            Pattern.compile("([0-9])(-)"),
    };
    private static final String[] REPLACEMENTS = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

    private SacreBleu() {}

    /**
     * Preprocesses one segment as {@code BLEU()._preprocess_segment}: right-strip, then tokenizer 13a.
     *
     * @param segment the raw segment, never {@code null}
     * @return the tokens joined by single spaces
     * @throws IllegalArgumentException when {@code segment} is {@code null}
     */
    public static String tokenize(String segment) {
        String line = PythonText.rstrip(Args.notNull(segment, "segment"));
        line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (line.indexOf('&') >= 0) {
            line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        line = " " + line + " ";
        for (int i = 0; i < PATTERNS.length; i++) {
            line = PATTERNS[i].matcher(line).replaceAll(REPLACEMENTS[i]);
        }
        return String.join(" ", PythonText.split(line));
    }

    /**
     * Corpus BLEU of hypotheses against one reference each, as
     * {@code sacrebleu.corpus_bleu(hypotheses, [references])}.
     *
     * @param hypotheses the system outputs, never {@code null}, not empty, no {@code null} element
     * @param references the references, parallel to {@code hypotheses}
     * @return the score and its statistics
     * @throws IllegalArgumentException when a list is {@code null}, holds {@code null}, is empty, or the sizes
     *     differ
     */
    public static BleuScore corpusBleu(List<String> hypotheses, List<String> references) {
        Args.pairs(hypotheses, "hypotheses", references, "references");
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = PythonText.split(tokenize(hypotheses.get(i)));
            List<String> ref = PythonText.split(tokenize(references.get(i)));
            sysLen += hyp.size();
            refLen += ref.size();
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<String, Integer> refNgrams = ngrams(ref, n);
                for (Map.Entry<String, Integer> entry : ngrams(hyp, n).entrySet()) {
                    total[n - 1] += entry.getValue();
                    correct[n - 1] += Math.min(entry.getValue(), refNgrams.getOrDefault(entry.getKey(), 0));
                }
            }
        }
        return score(correct, total, sysLen, refLen);
    }

    /** {@code BLEU.compute_bleu} with {@code smooth_method="exp"} and {@code effective_order=False}. */
    private static BleuScore score(long[] correct, long[] total, long sysLen, long refLen) {
        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
        }
        double[] precisions = new double[MAX_ORDER];
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c != 0;
        }
        double score = 0.0;
        if (anyMatch) {
            double smooth = 1.0;
            for (int n = 0; n < MAX_ORDER && total[n] != 0; n++) {
                if (correct[n] == 0) {
                    smooth *= 2;
                    precisions[n] = 100. / (smooth * total[n]);
                } else {
                    precisions[n] = 100. * correct[n] / total[n];
                }
            }
            double logSum = 0.0;
            for (double p : precisions) {
                logSum += p == 0.0 ? LOG_OF_ZERO : Math.log(p);
            }
            score = bp * Math.exp(logSum / MAX_ORDER);
        }
        return new BleuScore(score, boxed(correct), boxed(total), List.of(precisions[0], precisions[1],
                precisions[2], precisions[3]), bp, sysLen, refLen);
    }

    private static Map<String, Integer> ngrams(List<String> tokens, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            // tokens hold no whitespace, so a space-joined n-gram is unambiguous
            counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}

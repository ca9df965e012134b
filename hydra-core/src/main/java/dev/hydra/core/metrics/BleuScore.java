package dev.hydra.core.metrics;

import java.util.List;

/**
 * A corpus BLEU score with its sufficient statistics, as {@code sacrebleu.metrics.bleu.BLEUScore}.
 *
 * @param score BLEU on the 0-100 scale
 * @param counts matched n-grams for n = 1 to 4, clipped by the reference counts
 * @param totals hypothesis n-grams for n = 1 to 4
 * @param precisions the (smoothed) n-gram precisions on the 0-100 scale; {@code 0} after an order with no
 *     hypothesis n-gram, or when nothing matched at all
 * @param bp the brevity penalty
 * @param sysLen the number of hypothesis tokens
 * @param refLen the number of reference tokens
 * @since 0.1
 */
public record BleuScore(
        double score, List<Long> counts, List<Long> totals, List<Double> precisions, double bp, long sysLen,
        long refLen) {

    /**
     * Creates a score; the lists are copied, so the record is immutable.
     *
     * @param score BLEU on the 0-100 scale
     * @param counts matched n-grams for n = 1 to 4, never {@code null}
     * @param totals hypothesis n-grams for n = 1 to 4, never {@code null}
     * @param precisions the n-gram precisions on the 0-100 scale, never {@code null}
     * @param bp the brevity penalty
     * @param sysLen the number of hypothesis tokens
     * @param refLen the number of reference tokens
     */
    public BleuScore {
        counts = List.copyOf(counts);
        totals = List.copyOf(totals);
        precisions = List.copyOf(precisions);
    }
}

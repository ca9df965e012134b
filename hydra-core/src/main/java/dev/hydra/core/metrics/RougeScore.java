package dev.hydra.core.metrics;

/**
 * The precision, recall and F-measure of one ROUGE comparison, as {@code rouge_score.scoring.Score}.
 *
 * @param precision the matched share of the prediction, in [0, 1]
 * @param recall the matched share of the target, in [0, 1]
 * @param fmeasure their harmonic mean, {@code 0} when both are {@code 0}
 * @since 0.1
 */
public record RougeScore(double precision, double recall, double fmeasure) {

    /**
     * Builds a score from precision and recall with {@code rouge_score.scoring.fmeasure}.
     *
     * @param precision the precision
     * @param recall the recall
     * @return the score
     */
    static RougeScore of(double precision, double recall) {
        double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new RougeScore(precision, recall, f);
    }
}

package dev.hydra.core.anchor;

/** Scores standardized within one query: what a learned correction adds is its order, not its scale. */
final class Standardized {

    private Standardized() {}

    /**
     * The z-scores of some scores: {@code (s - mean) / sd}; all 0 when they do not vary.
     *
     * @param scores the scores of one query's items
     * @return their z-scores
     */
    static double[] of(double[] scores) {
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= Math.max(1, scores.length);
        double var = 0;
        for (double s : scores) {
            var += (s - mean) * (s - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, scores.length));
        double[] out = new double[scores.length];
        if (sd < 1e-9) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (scores[i] - mean) / sd;
        }
        return out;
    }
}

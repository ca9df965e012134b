package dev.hydra.eval;

import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A paired bootstrap of the difference between two methods on the same queries: each query's primary metric
 * (accuracy, MAE or ROUGE-1, signed so that positive is better) under both methods, the queries resampled with
 * replacement, and the 2.5th and 97.5th percentiles of the mean difference. With one query per user, one answer
 * moves a 20-user accuracy by 5 points; the interval says how much of a difference is noise.
 */
final class PairedBootstrap {

    /** Resamples drawn. */
    static final int RESAMPLES = 2000;

    /**
     * The mean difference and its 95% interval.
     *
     * @param mean the mean of {@code a - b}, positive when {@code a} is better
     * @param low the interval's lower end
     * @param high the interval's upper end
     * @param pairs the queries compared
     */
    record Interval(double mean, double low, double high, int pairs) {}

    private PairedBootstrap() {}

    /**
     * Compares two methods' predictions on the queries both answered (matched by seed and query id).
     *
     * @param task the task (its kind picks the metric)
     * @param a the first method's results, one per seed
     * @param b the second method's results, one per seed
     * @param seed the bootstrap's seed
     * @return the interval, or {@code null} when no query was answered by both
     */
    static Interval compare(TaskSpec task, List<MethodResult> a, List<MethodResult> b, long seed) {
        Map<String, Double> scoreA = scores(task, a);
        Map<String, Double> scoreB = scores(task, b);
        List<Double> diffs = new ArrayList<>();
        scoreA.forEach((key, value) -> {
            Double other = scoreB.get(key);
            if (other != null) {
                diffs.add(value - other);
            }
        });
        if (diffs.isEmpty()) {
            return null;
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        Random random = new Random(seed);
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                sum += d[random.nextInt(d.length)];
            }
            means[r] = sum / d.length;
        }
        Arrays.sort(means);
        return new Interval(Arrays.stream(d).average().orElse(0), means[(int) (0.025 * RESAMPLES)],
                means[(int) (0.975 * RESAMPLES) - 1], d.length);
    }

    /** Each query's primary metric, signed so that higher is better, keyed by seed and query id. */
    private static Map<String, Double> scores(TaskSpec task, List<MethodResult> results) {
        Map<String, Double> out = new HashMap<>();
        for (MethodResult r : results) {
            for (MethodResult.Prediction p : r.predictions()) {
                Map<String, Double> m = Metrics.forKind(task.outputKind(), List.of(p.answer()), List.of(p.gold()),
                        task.labels());
                String metric = EvalReport.primaryMetric(m);
                double value = m.get(metric);
                out.put(r.seed() + "/" + p.id(), EvalReport.LOWER_IS_BETTER.contains(metric) ? -value : value);
            }
        }
        return out;
    }
}

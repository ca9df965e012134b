package dev.hydra.core.anchor;

import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.metrics.Rouge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much each sampled answer agrees with the others (self-consistency): for labels and ratings, the share of
 * the readable samples that give the same answer; for free text, the mean similarity (ROUGE-1 and ROUGE-L F1) to
 * the other samples, the minimum-Bayes-risk choice. An answer the task cannot read agrees with nothing (0).
 *
 * @since 0.2
 */
public final class Agreement {

    private Agreement() {}

    /**
     * Scores each answer by its agreement with the others.
     *
     * @param task the task that reads the answers
     * @param answers the raw answers, in sample order
     * @return per answer, its agreement in {@code [0, 1]}, in the order given
     */
    public static double[] scores(TaskSpec task, List<String> answers) {
        double[] out = new double[answers.size()];
        if (answers.isEmpty()) {
            return out;
        }
        if (readsLabels(task)) {
            List<Optional<String>> parsed = answers.stream().map(task::parse).toList();
            Map<String, Integer> votes = new HashMap<>();
            parsed.forEach(p -> p.ifPresent(v -> votes.merge(v, 1, Integer::sum)));
            int readable = votes.values().stream().mapToInt(Integer::intValue).sum();
            for (int i = 0; i < out.length; i++) {
                out[i] = parsed.get(i).map(v -> votes.get(v) / (double) readable).orElse(0.0);
            }
            return out;
        }
        if (answers.size() == 1) {
            out[0] = 1;
            return out;
        }
        List<String> texts = new ArrayList<>(answers.size());
        answers.forEach(a -> texts.add(a.strip()));
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                double s = Rouge.meanF(texts.get(i), texts.get(j));
                out[i] += s;
                out[j] += s;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= texts.size() - 1;
        }
        return out;
    }

    /**
     * The answer with the highest agreement, the first on a tie: the "agreement alone" baseline.
     *
     * @param task the task that reads the answers
     * @param answers the raw answers, not empty
     * @return the index of the chosen answer
     * @throws IllegalArgumentException when there are no answers
     */
    public static int best(TaskSpec task, List<String> answers) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no answers to choose from");
        }
        double[] s = scores(task, answers);
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Whether the task's answers are labels or ratings, compared by what the task reads. */
    static boolean readsLabels(TaskSpec task) {
        return task.outputKind() != OutputKind.GENERATION && !task.labels().isEmpty();
    }
}

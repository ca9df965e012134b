package dev.hydra.eval;

import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.metrics.Rouge;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The sample a perfect adapter would choose, knowing the gold: a correct label, the rating nearest the gold, the
 * text with the best ROUGE. It bounds what any adapter can add over the samples the LLM gave.
 */
final class OraclePick {

    private OraclePick() {}

    static String best(TaskSpec task, String gold, List<String> candidates) {
        if (candidates.isEmpty()) {
            return "";
        }
        switch (task.outputKind()) {
            case CLASSIFICATION :
                return candidates.stream().filter(c -> task.isCorrect(c, gold)).findFirst().orElse(candidates.get(0));
            case RATING :
                OptionalInt g = rating(task, gold);
                if (g.isEmpty()) {
                    return candidates.get(0);
                }
                return candidates.stream().filter(c -> rating(task, c).isPresent())
                        .min(Comparator.comparingInt(c -> Math.abs(rating(task, c).getAsInt() - g.getAsInt())))
                        .orElse(candidates.get(0));
            default :
                return candidates.stream().max(Comparator.comparingDouble(c -> Rouge.meanF(gold, c))).orElseThrow();
        }
    }

    private static OptionalInt rating(TaskSpec task, String text) {
        try {
            return task.parse(text).map(s -> OptionalInt.of((int) Math.round(Double.parseDouble(s))))
                    .orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}

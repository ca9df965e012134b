package dev.hydra.eval;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two baselines without an LLM. They keep the LLM methods honest: a method that does not beat the user's
 * own most frequent label has learned nothing about the user.
 */
final class MajorityBaselines {

    private MajorityBaselines() {}

    /**
     * The most frequent of some outputs, read by the task (a label, a rating, a text); ties go to the smallest
     * in string order, so the answer does not depend on input order.
     *
     * @param outputs the outputs
     * @param task the task that reads them
     * @return the most frequent, or the empty string when there is none
     */
    static String mostFrequent(Collection<String> outputs, TaskSpec task) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String o : outputs) {
            counts.merge(task.parse(o).orElse(o.strip()), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse("");
    }

    /**
     * The user's own answer: the most frequent output of their profile for labels and ratings; for generation, the
     * output of the profile item the retriever finds nearest to the query.
     *
     * @param task the task
     * @param profile the user's history
     * @param query the query
     * @param nearest the retriever over the user's history
     * @return the answer
     */
    static String profileAnswer(TaskSpec task, List<HistoryItem> profile, Query query, Retriever nearest) {
        if (task.outputKind() != OutputKind.GENERATION) {
            return mostFrequent(profile.stream().map(HistoryItem::output).toList(), task);
        }
        List<Scored<HistoryItem>> top = nearest.retrieve(query, 1);
        return top.isEmpty() ? "" : top.get(0).value().output();
    }
}

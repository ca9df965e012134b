package dev.hydra.eval;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.data.LampQuestion;
import dev.hydra.core.task.BuiltInTasks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the first words of queries and history texts, as LaMP truncates its inputs: four long reviews would
 * overflow a small model's context. Only the task's own text is cut: a query's template is taken off, the text
 * cut, and the template put back, so a 46-word template never eats the article. Outputs (labels, titles) are
 * never cut.
 */
final class WordLimit {

    private final int maxWords;
    private final TaskSpec task;

    WordLimit(int maxWords, TaskSpec task) {
        this.maxWords = maxWords;
        this.task = task;
    }

    LampQuestion apply(LampQuestion q) {
        List<HistoryItem> profile = q.profile().stream().map(this::apply).toList();
        return new LampQuestion(q.id(), q.userId(), cutQuery(q.input()), q.gold(), profile, q.task());
    }

    HistoryItem apply(HistoryItem item) {
        Map<String, String> attributes = new HashMap<>(item.attributes());
        attributes.computeIfPresent(HistoryItem.RETRIEVAL_TEXT, (k, v) -> cut(v));
        return new HistoryItem(item.id(), item.userId(), cut(item.input()), item.output(), item.timestamp(),
                attributes);
    }

    /** Cuts the raw text of a query and templates it again; a text without the template is cut as it is. */
    String cutQuery(String input) {
        String raw = BuiltInTasks.rawText(task, input);
        return raw.equals(input) ? cut(input) : task.formatQuery(cut(raw));
    }

    String cut(String text) {
        String[] words = text.strip().split("\\s+");
        return words.length <= maxWords ? text : String.join(" ", java.util.Arrays.copyOf(words, maxWords));
    }
}

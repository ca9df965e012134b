package dev.hydra.examples.eval;

import dev.hydra.api.HistoryItem;
import dev.hydra.core.data.LampQuestion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the first words of queries and history texts, as LaMP truncates its inputs: four long reviews would
 * overflow a small model's context. Outputs (labels, titles) are never cut.
 */
final class WordLimit {

    private final int maxWords;

    WordLimit(int maxWords) {
        this.maxWords = maxWords;
    }

    LampQuestion apply(LampQuestion q) {
        List<HistoryItem> profile = q.profile().stream().map(this::apply).toList();
        return new LampQuestion(q.id(), q.userId(), cut(q.input()), q.gold(), profile, q.task());
    }

    HistoryItem apply(HistoryItem item) {
        Map<String, String> attributes = new HashMap<>(item.attributes());
        attributes.computeIfPresent(HistoryItem.RETRIEVAL_TEXT, (k, v) -> cut(v));
        return new HistoryItem(item.id(), item.userId(), cut(item.input()), item.output(), item.timestamp(), attributes);
    }

    String cut(String text) {
        String[] words = text.strip().split("\\s+");
        return words.length <= maxWords ? text : String.join(" ", java.util.Arrays.copyOf(words, maxWords));
    }
}

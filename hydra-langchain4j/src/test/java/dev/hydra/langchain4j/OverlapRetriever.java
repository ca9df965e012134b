package dev.hydra.langchain4j;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A test retriever: scores a user's items by the words their input shares with the query, reading the store live. */
final class OverlapRetriever implements Retriever {

    private final HistoryStore store;

    OverlapRetriever(HistoryStore store) {
        this.store = store;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        Set<String> words = words(query.text());
        return store.list(query.userId()).stream()
                .map(item -> new Scored<>(item, (double) words(item.retrievalText()).stream()
                        .filter(words::contains).count()))
                .filter(s -> s.score() > 0)
                .sorted(Comparator.<Scored<HistoryItem>>comparingDouble(Scored::score).reversed()
                        .thenComparing(s -> s.value().id()))
                .limit(m)
                .toList();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> w.length() > 2)
                .collect(Collectors.toSet());
    }

    @Override
    public String name() {
        return "overlap";
    }
}

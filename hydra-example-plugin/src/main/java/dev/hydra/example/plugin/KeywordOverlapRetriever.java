package dev.hydra.example.plugin;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Ranks a user's items by the Jaccard overlap of their lower-cased words with the query's words: the share of
 * distinct words the two texts have in common. Items with no word in common are left out; ties keep the store's
 * order (oldest first). A query equal to an item's text scores 1 for that item.
 *
 * <p>Reads only the asking user's items ({@link HistoryStore#list}), so isolation comes from the store.
 * Stateless and safe for concurrent use when the store is.
 */
final class KeywordOverlapRetriever implements Retriever {

    private final String name;
    private final HistoryStore store;

    KeywordOverlapRetriever(String name, HistoryStore store) {
        this.name = name;
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        Set<String> queryWords = words(query.text());
        List<Scored<HistoryItem>> scored = new ArrayList<>();
        for (HistoryItem item : store.list(query.userId())) {
            double overlap = jaccard(queryWords, words(item.retrievalText()));
            if (overlap > 0) {
                scored.add(new Scored<>(item, overlap));
            }
        }
        scored.sort(Comparator.comparingDouble((Scored<HistoryItem> s) -> s.score()).reversed());
        return List.copyOf(scored.subList(0, Math.min(m, scored.size())));
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
    }
}

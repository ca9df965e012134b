package dev.hydra.testkit.reference;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Ranks a user's items by the Jaccard overlap of their words with the query's, over any history store. */
public final class ReferenceKeywordOverlapRetrieverProvider implements RetrieverProvider {

    /** The provider's name. */
    public static final String NAME = "keyword-overlap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Retriever create(RetrieverContext context) {
        return new KeywordOverlapRetriever(context.store());
    }

    /**
     * The words of a text, lower-cased.
     *
     * @param text the text
     * @return its distinct words
     */
    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * Checks m and sorts scored items best first, ties by id, keeping m.
     *
     * @param scored the scored items
     * @param m the most to keep
     * @return the best m
     */
    static List<Scored<HistoryItem>> best(List<Scored<HistoryItem>> scored, int m) {
        return scored.stream()
                .sorted(Scored.<HistoryItem>bestFirst().thenComparing(s -> s.value().id()))
                .limit(m)
                .toList();
    }

    /**
     * Rejects a negative m.
     *
     * @param m the limit
     */
    static void checkM(int m) {
        if (m < 0) {
            throw new IllegalArgumentException("m must be >= 0, was " + m);
        }
    }

    private record KeywordOverlapRetriever(HistoryStore store) implements Retriever {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
            checkM(m);
            Set<String> queryWords = words(query.text());
            List<Scored<HistoryItem>> scored = store.list(query.userId()).stream()
                    .map(item -> new Scored<>(item, jaccard(queryWords, words(item.retrievalText()))))
                    .toList();
            return best(scored, m);
        }

        private static double jaccard(Set<String> a, Set<String> b) {
            if (a.isEmpty() && b.isEmpty()) {
                return 0;
            }
            Set<String> union = new HashSet<>(a);
            union.addAll(b);
            Set<String> common = new HashSet<>(a);
            common.retainAll(b);
            return (double) common.size() / union.size();
        }
    }
}

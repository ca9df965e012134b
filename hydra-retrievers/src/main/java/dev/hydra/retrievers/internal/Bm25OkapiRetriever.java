package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * LaMP's and HYDRA's retriever: {@code rank_bm25} BM25 Okapi over the asking user's own items (IDF from those
 * items alone), whitespace tokens, ties to the later item of the user's history (as {@code numpy.argsort}
 * reversed does), over any {@link HistoryStore}.
 */
public final class Bm25OkapiRetriever implements Retriever {

    private final String name;
    private final HistoryStore store;
    private final double k1;
    private final double b;
    private final double epsilon;

    /**
     * Creates the retriever.
     *
     * @param name its name
     * @param store the store whose {@link HistoryStore#list} gives each user's profile
     * @param k1 the k1 parameter
     * @param b the b parameter
     * @param epsilon the IDF floor as a fraction of the mean IDF
     */
    public Bm25OkapiRetriever(String name, HistoryStore store, double k1, double b, double epsilon) {
        this.name = name;
        this.store = store;
        this.k1 = k1;
        this.b = b;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> retrieve(Query query, int m) {
        Retrievers.check(query, m);
        List<HistoryItem> profile = m == 0 ? List.of() : store.list(query.userId());
        if (profile.isEmpty()) {
            return List.of();
        }
        List<List<String>> corpus = new ArrayList<>(profile.size());
        for (HistoryItem item : profile) {
            corpus.add(Bm25Okapi.tokenize(item.retrievalText()));
        }
        double[] scores = new Bm25Okapi(corpus, k1, b, epsilon).scores(Bm25Okapi.tokenize(query.text()));
        List<Integer> order = new ArrayList<>(profile.size());
        for (int i = 0; i < profile.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> scores[i]).reversed()
                .thenComparing(Comparator.<Integer>reverseOrder()));
        List<Scored<HistoryItem>> out = new ArrayList<>(Math.min(m, order.size()));
        for (int i : order.subList(0, Math.min(m, order.size()))) {
            out.add(new Scored<>(profile.get(i), scores[i]));
        }
        return out;
    }
}

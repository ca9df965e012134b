package dev.hydra.eval;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random items of the user's own history, for the {@code icl-random-k4} baseline. The draw depends only on the
 * seed, the user and the query text, so a rerun draws the same items.
 */
final class RandomHistoryRetriever implements Retriever {

    private final HistoryStore store;
    private final long seed;

    RandomHistoryRetriever(HistoryStore store, long seed) {
        this.store = store;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        List<HistoryItem> items = new ArrayList<>(store.list(query.userId()));
        items.sort(Comparator.comparing(HistoryItem::id));
        long salt = 31L * query.userId().value().hashCode() + query.text().hashCode();
        java.util.Collections.shuffle(items, new Random(seed ^ salt));
        List<Scored<HistoryItem>> out = new ArrayList<>();
        for (HistoryItem item : items.subList(0, Math.min(m, items.size()))) {
            out.add(new Scored<>(item, 1.0 / (1 + out.size())));
        }
        return out;
    }
}

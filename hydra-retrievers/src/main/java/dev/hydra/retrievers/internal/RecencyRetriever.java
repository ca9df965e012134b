package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's newest items, newest first, whatever the query; the score is the item's time in epoch
 * seconds. Sorted in the index on a {@link LuceneHistoryStore}, from {@link HistoryStore#list} otherwise.
 */
public final class RecencyRetriever implements Retriever {

    private final String name;
    private final HistoryStore store;

    /**
     * Creates the retriever.
     *
     * @param name its name
     * @param store any store
     */
    public RecencyRetriever(String name, HistoryStore store) {
        this.name = name;
        this.store = store;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        List<HistoryItem> newest;
        if (store instanceof LuceneHistoryStore lucene) {
            newest = lucene.newest(query.userId(), m);
        } else {
            List<HistoryItem> all = new ArrayList<>(store.list(query.userId()));
            all.sort(RecencyRetriever::newestFirst);
            newest = all.subList(0, Math.min(m, all.size()));
        }
        return newest.stream().map(i -> new Scored<>(i, i.timestamp().getEpochSecond() + i.timestamp().getNano() / 1e9))
                .toList();
    }

    private static int newestFirst(HistoryItem a, HistoryItem b) {
        int byTime = b.timestamp().compareTo(a.timestamp());
        return byTime != 0 ? byTime : a.id().compareTo(b.id());
    }
}

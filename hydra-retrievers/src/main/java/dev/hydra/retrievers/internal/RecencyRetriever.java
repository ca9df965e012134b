package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.util.List;

/**
 * The user's newest items, newest first, whatever the query; the score is the item's time in epoch
 * seconds, read through {@link HistoryStore#newest} (sorted in the index on a {@link LuceneHistoryStore}).
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
        List<HistoryItem> newest = store.newest(query.userId(), m);
        return newest.stream().map(i -> new Scored<>(i, i.timestamp().getEpochSecond() + i.timestamp().getNano() / 1e9))
                .toList();
    }

}

package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Retriever;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.util.List;

/** Lucene BM25 (English analysis) over the asking user's items of a {@link LuceneHistoryStore}. */
public final class LuceneBm25Retriever implements Retriever {

    private final String name;
    private final LuceneHistoryStore store;

    /**
     * Creates the retriever.
     *
     * @param name its name
     * @param store the store
     */
    public LuceneBm25Retriever(String name, LuceneHistoryStore store) {
        this.name = name;
        this.store = store;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        return store.searchText(query.userId(), query.text(), m);
    }
}

package dev.hydra.eval.bench;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.util.List;

/** The exact vector scan of the dense retriever alone: the query is encoded beforehand, outside the timing. */
final class DenseScan implements Retriever {

    private final LuceneHistoryStore store;
    private final TextEncoder encoder;
    private float[] vector;

    DenseScan(LuceneHistoryStore store, TextEncoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    /** Encodes the next query's text. */
    void prepare(Query query) {
        vector = encoder.encode(List.of(query.text()))[0];
    }

    @Override
    public String name() {
        return "dense-scan";
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        return store.searchVector(query.userId(), vector, m);
    }
}

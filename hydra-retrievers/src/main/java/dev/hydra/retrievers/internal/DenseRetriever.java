package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.api.spi.VectorHistoryStore;
import java.util.List;

/**
 * Exact cosine between the encoded query and the asking user's stored item vectors. Exact, hence
 * deterministic; a user's items are few, so a scan is cheap.
 */
public final class DenseRetriever implements Retriever {

    private final String name;
    private final VectorHistoryStore store;
    private final TextEncoder encoder;

    /**
     * Creates the retriever.
     *
     * @param name its name
     * @param store the store, which keeps vectors of {@code encoder}
     * @param encoder the encoder of queries
     */
    public DenseRetriever(String name, VectorHistoryStore store, TextEncoder encoder) {
        this.name = name;
        this.store = store;
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        float[][] vectors = encoder.encode(List.of(query.text()));
        if (vectors == null || vectors.length != 1) {
            throw new HydraException("encoder " + encoder.id() + " returned no vector for the query");
        }
        return store.searchVector(query.userId(), vectors[0], m);
    }
}

package dev.hydra.eval.bench;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.postgres.PostgresHistoryStore;
import java.util.List;

/**
 * Dense retrieval over a {@link PostgresHistoryStore}, as hydra-retrievers' {@code dense} does over Lucene: the
 * query encoded, then the exact cosine over the user's stored vectors ({@link PostgresHistoryStore#searchVector}).
 * The {@code dense} provider takes only a Lucene store so far; this is the same work over the other store.
 */
final class PostgresDenseRetriever implements Retriever {

    private final PostgresHistoryStore store;
    private final TextEncoder encoder;

    PostgresDenseRetriever(PostgresHistoryStore store, TextEncoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return "dense";
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

package dev.hydra.eval.bench;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.retrievers.DenseRetrieverProvider;
import java.util.Map;
import java.util.Optional;

/**
 * One backend that {@code hydra bench stores} measures: where it keeps users' histories and heads. Each history is
 * named ({@code "sample"}, {@code "corpus"}) so that the encoded ingest sample and the large corpus stay apart.
 * Closing it closes what it opened and deletes what it created.
 */
interface StoreBackend extends AutoCloseable {

    /** The backend's key in bench-stores.json: {@code "lucene"} or {@code "postgres"}. */
    String name();

    /**
     * Opens a named history that keeps the encoder's vectors; the caller closes it. The first opening of a name in
     * a run finds it empty.
     */
    HistoryStore openHistory(String history, TextEncoder encoder);

    /** Opens the history's store again, e.g. after a bulk ingest, so that no background work runs on. */
    HistoryStore reopen(HistoryStore store, String history, TextEncoder encoder);

    /** A new head store instance over the backend's heads, with nothing cached; the backend closes it. */
    HeadStore newHeadStore();

    /**
     * The dense retriever over a history of this backend, encoding each query with the encoder: hydra-retrievers'
     * {@code dense}, which searches any store that keeps vectors (both backends' do).
     */
    default Retriever dense(HistoryStore store, TextEncoder encoder) {
        return new DenseRetrieverProvider().create(new RetrieverContext(store, Optional.of(encoder), Map.of()));
    }

    @Override
    void close();
}

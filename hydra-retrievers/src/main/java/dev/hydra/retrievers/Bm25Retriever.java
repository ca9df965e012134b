package dev.hydra.retrievers;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import java.util.List;
import java.util.Objects;

/**
 * BM25 over each user's own history, in one line: {@code Bm25Retriever.builder().store(store).build()}.
 *
 * <p>Over a {@link LuceneHistoryStore} it is Lucene's BM25 with English analysis ({@code "bm25"}); over any other
 * store, or when {@link Builder#okapi(boolean) asked}, it is {@code rank_bm25}'s BM25 Okapi as LaMP and HYDRA
 * retrieve ({@code "bm25-okapi"}, k1 1.5, b 0.75). {@link #name()} says which. For other options use the providers,
 * {@link Bm25RetrieverProvider} and {@link Bm25OkapiRetrieverProvider}. <b>Thread-safety:</b> safe for concurrent
 * use when the store is.
 *
 * @since 0.1
 */
public final class Bm25Retriever implements Retriever {

    private final Retriever delegate;

    private Bm25Retriever(Retriever delegate) {
        this.delegate = delegate;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#store} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The name of the BM25 in use.
     *
     * @return {@value Bm25RetrieverProvider#NAME} or {@value Bm25OkapiRetrieverProvider#NAME}
     */
    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        return delegate.retrieve(query, m);
    }

    /** Builds a {@link Bm25Retriever}. */
    public static final class Builder {

        private HistoryStore store;
        private boolean okapi;

        private Builder() {}

        /**
         * The store whose users' items are searched (required).
         *
         * @param store the store; never {@code null}
         * @return this builder
         */
        public Builder store(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * Whether to use BM25 Okapi even over a Lucene store (default {@code false}), e.g. to compare with LaMP.
         *
         * @param okapi true for {@code bm25-okapi} always
         * @return this builder
         */
        public Builder okapi(boolean okapi) {
            this.okapi = okapi;
            return this;
        }

        /**
         * Builds the retriever.
         *
         * @return the retriever
         * @throws IllegalStateException when no store was set
         */
        public Bm25Retriever build() {
            if (store == null) {
                throw new IllegalStateException("store is required: Bm25Retriever.builder().store(historyStore)");
            }
            RetrieverContext context = RetrieverContext.of(store);
            return new Bm25Retriever(store instanceof LuceneHistoryStore && !okapi
                    ? new Bm25RetrieverProvider().create(context) : new Bm25OkapiRetrieverProvider().create(context));
        }
    }
}

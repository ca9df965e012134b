package dev.hydra.retrievers;

import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.retrievers.internal.LuceneBm25Retriever;
import dev.hydra.retrievers.internal.Retrievers;
import org.osgi.service.component.annotations.Component;

/**
 * Makes Lucene BM25 retrievers ({@code "bm25"}): English analysis of the query, scored against the asking
 * user's items only (a filter on the user id keyword). Needs a {@link LuceneHistoryStore}.
 *
 * @since 0.1
 */
@Component(service = RetrieverProvider.class, property = "hydra.plugin.name=bm25")
public final class Bm25RetrieverProvider implements RetrieverProvider {

    /** The name of this retriever. */
    public static final String NAME = "bm25";

    /** Creates the provider (for {@link java.util.ServiceLoader} and OSGi). */
    public Bm25RetrieverProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a BM25 retriever over the context's store.
     *
     * @throws IllegalArgumentException when the store is not a {@link LuceneHistoryStore}
     */
    @Override
    public Retriever create(RetrieverContext context) {
        return new LuceneBm25Retriever(NAME, Retrievers.store(context, LuceneHistoryStore.class, NAME));
    }
}

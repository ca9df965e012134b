package dev.hydra.retrievers;

import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.VectorHistoryStore;
import dev.hydra.retrievers.internal.DenseRetriever;
import dev.hydra.retrievers.internal.Retrievers;
import org.osgi.service.component.annotations.Component;

/**
 * Makes dense retrievers ({@code "dense"}): the cosine between the encoded query and the vectors a
 * {@link VectorHistoryStore} keeps of the asking user's items: the {@link LuceneHistoryStore}'s index, the
 * PostgreSQL store's rows (hydra-postgres), or a plugin's store. Needs the context's encoder to be the store's.
 *
 * @since 0.1
 */
@Component(service = RetrieverProvider.class, property = "hydra.plugin.name=dense")
public final class DenseRetrieverProvider implements RetrieverProvider {

    /** The name of this retriever. */
    public static final String NAME = "dense";

    /** Creates the provider (for {@link java.util.ServiceLoader} and OSGi). */
    public DenseRetrieverProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a dense retriever over the context's store.
     *
     * @throws IllegalArgumentException when the store is not a {@link VectorHistoryStore}, keeps no vectors, or
     *     the context has no encoder or another one
     */
    @Override
    public Retriever create(RetrieverContext context) {
        VectorHistoryStore store = Retrievers.store(context, VectorHistoryStore.class, NAME);
        return new DenseRetriever(NAME, store,
                Retrievers.encoder(context, store.encoder().orElse(null), NAME));
    }
}

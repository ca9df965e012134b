package dev.hydra.retrievers;

import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.retrievers.internal.DenseRetriever;
import dev.hydra.retrievers.internal.HybridRetriever;
import dev.hydra.retrievers.internal.LuceneBm25Retriever;
import dev.hydra.retrievers.internal.Retrievers;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Makes hybrid retrievers ({@code "hybrid"}): reciprocal rank fusion of {@code "bm25"} and {@code "dense"}.
 *
 * <p>Options: {@code rrf.k} (default 60), {@code depth}, how many items each part ranks (default 20, at
 * least the {@code m} asked for).
 *
 * @since 0.1
 */
@Component(service = RetrieverProvider.class, property = "hydra.plugin.name=hybrid")
public final class HybridRetrieverProvider implements RetrieverProvider {

    /** The name of this retriever. */
    public static final String NAME = "hybrid";

    /** Creates the provider (for {@link java.util.ServiceLoader} and OSGi). */
    public HybridRetrieverProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a hybrid retriever over the context's store.
     *
     * @throws IllegalArgumentException as {@link DenseRetrieverProvider#create} does, or on a bad option
     */
    @Override
    public Retriever create(RetrieverContext context) {
        LuceneHistoryStore store = Retrievers.store(context, LuceneHistoryStore.class, NAME);
        Retriever dense = new DenseRetriever(NAME, store,
                Retrievers.encoder(context, store.encoder().orElse(null), NAME));
        double k = Retrievers.option(context, "rrf.k", 60);
        double depth = Retrievers.option(context, "depth", 20);
        if (k < 0 || depth < 1) {
            throw new IllegalArgumentException("hybrid options need rrf.k >= 0 and depth >= 1, were " + k
                    + " and " + depth);
        }
        return new HybridRetriever(NAME, List.of(new LuceneBm25Retriever(NAME, store), dense), k, (int) depth);
    }
}

package dev.hydra.retrievers;

import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.retrievers.internal.RecencyRetriever;
import org.osgi.service.component.annotations.Component;

/**
 * Makes recency retrievers ({@code "recency"}): the asking user's newest items first, whatever the query.
 * Works over any {@link dev.hydra.api.spi.HistoryStore}.
 *
 * @since 0.1
 */
@Component(service = RetrieverProvider.class, property = "hydra.plugin.name=recency")
public final class RecencyRetrieverProvider implements RetrieverProvider {

    /** The name of this retriever. */
    public static final String NAME = "recency";

    /** Creates the provider (for {@link java.util.ServiceLoader} and OSGi). */
    public RecencyRetrieverProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Retriever create(RetrieverContext context) {
        return new RecencyRetriever(NAME, java.util.Objects.requireNonNull(context, "context").store());
    }
}

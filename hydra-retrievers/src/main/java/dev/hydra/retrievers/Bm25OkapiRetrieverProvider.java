package dev.hydra.retrievers;

import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.retrievers.internal.Bm25OkapiRetriever;
import dev.hydra.retrievers.internal.Retrievers;
import org.osgi.service.component.annotations.Component;

/**
 * Makes LaMP's and HYDRA's retriever ({@code "bm25-okapi"}): {@code rank_bm25} 0.2.2 BM25 Okapi over the
 * asking user's own items, whitespace tokens without lower-casing, IDF from that user's items alone. Works over
 * any {@link dev.hydra.api.spi.HistoryStore} (through {@code newest(user, window)}).
 *
 * <p>Options: {@code k1} (default 1.5), {@code b} (0.75), {@code epsilon} (0.25), {@code window} (the most of a
 * user's newest items that form the profile, indexed in memory per request; default
 * {@value dev.hydra.api.spi.HistoryStore#DEFAULT_WINDOW}).
 *
 * @since 0.1
 */
@Component(service = RetrieverProvider.class, property = "hydra.plugin.name=bm25-okapi")
public final class Bm25OkapiRetrieverProvider implements RetrieverProvider {

    /** The name of this retriever. */
    public static final String NAME = "bm25-okapi";

    /** Creates the provider (for {@link java.util.ServiceLoader} and OSGi). */
    public Bm25OkapiRetrieverProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a BM25 Okapi retriever over the context's store.
     *
     * @throws IllegalArgumentException when an option is not a number, or {@code window} not a whole number >= 1
     */
    @Override
    public Retriever create(RetrieverContext context) {
        return new Bm25OkapiRetriever(NAME, java.util.Objects.requireNonNull(context, "context").store(),
                Retrievers.option(context, "k1", 1.5), Retrievers.option(context, "b", 0.75),
                Retrievers.option(context, "epsilon", 0.25),
                Retrievers.positiveInt(context, "window", dev.hydra.api.spi.HistoryStore.DEFAULT_WINDOW));
    }
}

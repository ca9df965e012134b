package dev.hydra.example.plugin;

import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Makes {@code "keyword-overlap"} retrievers: a user's items ranked by the Jaccard overlap of their words with
 * the query's, over any {@link dev.hydra.api.spi.HistoryStore}.
 *
 * <p>Registered twice, so that one jar serves both worlds: in {@code META-INF/services} for
 * {@link java.util.ServiceLoader}, and as a Declarative Services component with the property
 * {@code hydra.plugin.name}, which Hydra's OSGi whiteboard picks up while the framework runs.
 *
 * @since 0.1
 */
@Component(service = RetrieverProvider.class, property = "hydra.plugin.name=" + KeywordOverlapRetrieverProvider.NAME)
public final class KeywordOverlapRetrieverProvider implements RetrieverProvider {

    /** The plugin's name, by which a pipeline configuration selects it. */
    public static final String NAME = "keyword-overlap";

    /** Creates the provider (for {@link java.util.ServiceLoader} and Declarative Services). */
    public KeywordOverlapRetrieverProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Retriever create(RetrieverContext context) {
        return new KeywordOverlapRetriever(NAME, context.store());
    }
}

package dev.hydra.core.osgi;

import dev.hydra.api.Query;
import dev.hydra.core.pipeline.HydraResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A Hydra pipeline as an OSGi service: personalizes queries with the plugins its configuration names.
 *
 * <p>Every request looks the plugins up in the registry by name, so the service follows plugins that come and
 * go. <b>Thread-safety:</b> safe for concurrent use when the plugins are.
 *
 * @since 0.1
 */
@ProviderType
public interface PipelineService {

    /** The Configuration Admin PID of the pipeline; its properties are those of {@link PipelineSettings}. */
    String PID = "dev.hydra.pipeline";

    /** The service property that names a plugin service; it matches the plugin's {@code name()}. */
    String PLUGIN_NAME = "hydra.plugin.name";

    /**
     * Answers a query with the configured retriever.
     *
     * @param query the query; its task must be a registered task
     * @return the answer with its evidence
     * @throws dev.hydra.core.registry.UnknownPluginException when a configured plugin is not registered (any
     *     more); the message lists the names that are
     * @throws dev.hydra.api.LlmException when the black box produced no answer
     */
    HydraResult personalize(Query query);

    /**
     * Answers a query with the retriever of the given name for this request, the rest as configured.
     *
     * @param query the query; its task must be a registered task
     * @param retriever the name of a registered {@code RetrieverProvider}
     * @return the answer with its evidence
     * @throws dev.hydra.core.registry.UnknownPluginException when no retriever (or other configured plugin) has
     *     that name; the message lists the names that are registered
     * @throws dev.hydra.api.LlmException when the black box produced no answer
     */
    HydraResult personalize(Query query, String retriever);

    /**
     * The configuration this pipeline runs with.
     *
     * @return the settings
     */
    PipelineSettings settings();
}

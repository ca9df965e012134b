/**
 * Hydra in OSGi: the services that Hydra's Declarative Services components offer.
 *
 * <p>Plugins are DS components that register their extension point ({@code RetrieverProvider},
 * {@code LlmBackend}, {@code HistoryStore} ...) with the property
 * {@value dev.hydra.core.osgi.PipelineService#PLUGIN_NAME}.
 * hydra-core's whiteboard tracks them as they come and go and keeps one
 * {@link dev.hydra.core.registry.PluginRegistry}, offered as a service. A {@link dev.hydra.core.osgi.PipelineService}
 * is configured through Configuration Admin under the PID {@value dev.hydra.core.osgi.PipelineService#PID}; it
 * looks its plugins up by name on every request, so a plugin that leaves fails the requests that name it (with the
 * names still known), and one that arrives is usable at once.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.core.osgi;

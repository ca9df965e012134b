/**
 * An example third-party retriever, {@code "keyword-overlap"}: how a plugin is written against
 * {@code hydra-api} alone, registered for both {@link java.util.ServiceLoader} ({@code META-INF/services}) and
 * OSGi Declarative Services ({@code @Component}), and tested with the testkit's {@code RetrieverCompatibilityKit}.
 *
 * <p>The package is private to its bundle: Hydra finds the plugin through the service registry (OSGi) or
 * {@code META-INF/services} (class path), never by importing it.
 *
 * @since 0.1
 */
package dev.hydra.example.plugin;

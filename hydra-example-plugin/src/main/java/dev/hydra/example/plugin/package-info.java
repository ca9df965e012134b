/**
 * Example third-party plugins, built against {@code hydra-api} alone: a retriever, {@code "keyword-overlap"}, and
 * a head architecture, {@code "bias-scale"} ({@link dev.hydra.example.plugin.BiasScaleHead}, a per-user scale and
 * bias over a score the base shares). Each is registered for both {@link java.util.ServiceLoader}
 * ({@code META-INF/services}) and OSGi Declarative Services ({@code @Component}), and tested with the testkit's
 * {@code RetrieverCompatibilityKit} and {@code HeadCompatibilityKit}.
 *
 * <p>The package is private to its bundle: Hydra finds the plugins through the service registry (OSGi) or
 * {@code META-INF/services} (class path), never by importing them. The head is trained by hydra-heads, which
 * keeps DJL to itself: the plugin only computes its output and gradients over plain float arrays.
 *
 * @since 0.1
 */
package dev.hydra.example.plugin;

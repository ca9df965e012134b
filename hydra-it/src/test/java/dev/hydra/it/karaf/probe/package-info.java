/**
 * The classes of the probe bundle that {@code KarafFeaturesTest} builds and installs in Karaf: a shell command that
 * fills a user's history and personalizes one request through the {@code PipelineService} of the installed features.
 *
 * <p>Not an API: these classes run only inside the Karaf of the test.
 *
 * @since 0.1
 */
package dev.hydra.it.karaf.probe;

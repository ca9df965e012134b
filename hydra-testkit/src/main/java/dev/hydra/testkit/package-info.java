/**
 * Contract kits for Hydra plugins: abstract JUnit 5 classes that a plugin's test extends, and test doubles.
 *
 * <p>To certify a plugin, add {@code hydra-testkit} as a test dependency and write, for a retriever:
 * <pre>{@code
 * class MyRetrieverCompatibilityTest extends RetrieverCompatibilityKit {
 *     protected RetrieverProvider provider() { return new MyRetrieverProvider(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.testkit;

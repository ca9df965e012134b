/**
 * Contract kits for Hydra plugins: abstract JUnit 5 classes that a plugin's test extends, and the test
 * doubles and fixtures they use.
 *
 * <p><b>Kits.</b> One per extension point of {@code dev.hydra.api.spi}, each checking the contract written in
 * that interface's javadoc, grouped in {@code @Nested} classes with sentence display names:
 * {@link dev.hydra.testkit.RetrieverCompatibilityKit}, {@link dev.hydra.testkit.TextEncoderCompatibilityKit},
 * {@link dev.hydra.testkit.HistoryStoreCompatibilityKit}, {@link dev.hydra.testkit.HeadStoreCompatibilityKit},
 * {@link dev.hydra.testkit.LlmBackendCompatibilityKit}, {@link dev.hydra.testkit.RerankerCompatibilityKit},
 * {@link dev.hydra.testkit.AdapterCompatibilityKit} and {@link dev.hydra.testkit.HeadCompatibilityKit} (a
 * head's architecture: numerical gradient, seeded initialization, lengths). To certify a plugin, add
 * {@code hydra-testkit} (and a JUnit Jupiter engine) as test dependencies and write, for a retriever:
 * <pre>{@code
 * class MyRetrieverCompatibilityTest extends RetrieverCompatibilityKit {
 *     protected RetrieverProvider provider() { return new MyRetrieverProvider(); }
 * }
 * }</pre>
 * Name the test {@code *CompatibilityTest} so that Surefire runs it; add plugin-specific tests to the same
 * class.
 *
 * <p><b>Doubles and fixtures.</b> {@link dev.hydra.testkit.ScriptedLlmBackend} answers from a script and
 * records prompts; {@link dev.hydra.testkit.CrankyLlmBackend} wraps a backend and makes a seeded fraction of
 * samples fail or time out; {@link dev.hydra.testkit.InMemoryHistoryStore} and
 * {@link dev.hydra.testkit.InMemoryHeadStore} are correct stores in memory; and
 * {@link dev.hydra.testkit.TestCorpora} holds the small multi-user corpora the kits use. For an encoder without a
 * model, use hydra-api's {@link dev.hydra.api.encoder.FeatureHashingTextEncoder}, deterministic bag-of-words
 * vectors by feature hashing.
 *
 * <p>This package depends on {@code hydra-api} and the JUnit Jupiter API only.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.hydra.testkit;

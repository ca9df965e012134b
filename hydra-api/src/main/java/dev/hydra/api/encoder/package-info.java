/**
 * A text encoder that needs no model: {@link dev.hydra.api.encoder.FeatureHashingTextEncoder}, the one Hydra's
 * tests, the test kit's users and the benchmarks share. It lives here, beside the {@code TextEncoder} extension
 * point and without a dependency, so that every module (the test kit too, which depends on this module only) can
 * reach it without putting a test library on a run-time class path.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.api.encoder;

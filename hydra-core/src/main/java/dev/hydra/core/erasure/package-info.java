/**
 * Erasing users from everything Hydra keeps about them: history, heads, trained models' rows and manifests, and
 * cached LLM answers ({@link dev.hydra.core.erasure.UserErasure}).
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.hydra.core.erasure;

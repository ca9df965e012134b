/**
 * The factorized models: a shared base network and per-user heads, trained with DJL on PyTorch.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.heads;

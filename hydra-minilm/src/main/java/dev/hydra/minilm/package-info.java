/**
 * Hydra's default text encoder, all-MiniLM-L6-v2 (quantized, in-process ONNX): {@link
 * dev.hydra.minilm.MiniLmTextEncoder} on a plain class path. In OSGi the bundle exports nothing and offers the
 * same encoder as a {@code TextEncoder} service.
 *
 * @since 0.1
 */
package dev.hydra.minilm;

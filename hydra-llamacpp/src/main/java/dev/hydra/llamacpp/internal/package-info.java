/**
 * Internals of Hydra's llama.cpp module: message conversion, llama.cpp's native log, the model download (pip,
 * tar.gz) and the OSGi LLM component. Not an API; never exported.
 *
 * @since 0.1
 */
package dev.hydra.llamacpp.internal;

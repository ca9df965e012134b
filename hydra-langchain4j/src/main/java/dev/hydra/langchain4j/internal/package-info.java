/**
 * Internals of Hydra's LangChain4j module: message conversion and llama.cpp plumbing (the default encoder's ONNX
 * runner is in {@code internal.onnx}). Not an API; never exported.
 *
 * @since 0.1
 */
package dev.hydra.langchain4j.internal;

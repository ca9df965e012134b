/**
 * Internals of Hydra's LangChain4j module: message conversion, llama.cpp plumbing and the concurrent ONNX runner
 * of the default encoder. Not an API; never exported.
 *
 * @since 0.1
 */
package dev.hydra.langchain4j.internal;

/**
 * The default encoder's in-process ONNX runner: LangChain4j's BERT vectors of all-MiniLM-L6-v2-q, computed one
 * single-threaded run per text, in parallel. Not an API; never exported.
 *
 * @since 0.1
 */
package dev.hydra.minilm.internal.onnx;

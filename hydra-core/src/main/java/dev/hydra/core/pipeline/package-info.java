/**
 * The HYDRA pipeline: retrieve, rerank, prompt with few-shot demonstrations, sample N answers from the black
 * box, let the adapter pick one; with the evidence of every stage.
 *
 * <p>Baselines are configurations of the same pipeline: {@code n = 1} with no adapter is RAG, {@code k = 0}
 * is zero-shot, no reranker keeps the retriever's order.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.hydra.core.pipeline;

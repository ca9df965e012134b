package dev.hydra.core.pipeline;

/**
 * The stages of one personalization, in order.
 *
 * @since 0.1
 */
public enum Stage {
    /** Finding the user's M best-matching history items. */
    RETRIEVE,
    /** Reordering them with the learned reranker and keeping k. */
    RERANK,
    /** Sampling N answers from the black box. */
    GENERATE,
    /** Scoring the answers with the learned adapter and picking one. */
    ADAPT
}

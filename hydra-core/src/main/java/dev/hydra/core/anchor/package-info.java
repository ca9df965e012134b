/**
 * Learned parts that cannot do worse than the simple thing they refine without noticing: the reranker's score
 * builds on the retriever's order and the adapter's on the agreement among the samples, each with a learned
 * correction whose weight is chosen on held-out training queries; a weight of 0 gives the simple thing exactly.
 *
 * <p>{@link dev.hydra.core.anchor.AnchoredReranker} keeps the retriever's order plus {@code alpha} times the
 * learned reranker's standardized score, and reorders only within the range the reranker was trained on.
 * {@link dev.hydra.core.anchor.AnchoredAdapter} scores each candidate by its {@link dev.hydra.core.anchor.Agreement}
 * with the other samples, plus {@code gamma} times how often the user's own history gave that answer, plus
 * {@code beta} times the learned adapter's standardized score; an answer the task cannot read scores below every
 * answer it can. {@link dev.hydra.core.anchor.AnchorWeights} holds the weights a model was trained with.
 *
 * @since 0.2
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package dev.hydra.core.anchor;

package dev.hydra.heads;

/**
 * What a scorer's training minimizes.
 *
 * <p>{@link #POINTWISE} asks each pair, alone, whether it is positive (two-class cross-entropy): a model trained so
 * also learns how easy a query is, since every item of an easy query is positive. {@link #LISTWISE} compares the
 * items of one query with each other (the softmax cross-entropy of the query's scores against its positives, as in
 * ListNet): only the order within a query counts, which is what a reranker and an adapter use. Queries whose
 * pairs are all positive or all negative carry no listwise signal and add nothing to that loss.
 *
 * @since 0.1
 */
public enum TrainingObjective {
    /** Two-class cross-entropy per pair. */
    POINTWISE,
    /** Softmax cross-entropy over each query's pairs, against the query's positives. */
    LISTWISE
}

package dev.hydra.core.training;

import dev.hydra.api.UserId;
import java.util.Objects;

/**
 * One training example of a personalized scorer: a query, a text to score against it (a history item for the
 * reranker, a sampled answer for the adapter), and whether it is a positive.
 *
 * @param user the user whose head learns from it
 * @param queryId the training query's id
 * @param query the raw query text
 * @param text the item's or candidate's text
 * @param retrievalScore the retriever's score of the item (0 for candidates)
 * @param rank the item's retrieval rank or the candidate's sample index
 * @param positive the label
 * @param output the history item's own answer (its label, rating or title) for the reranker's answer feature;
 *     empty for candidates and when unknown
 * @since 0.1
 */
public record LabeledPair(UserId user, String queryId, String query, String text, double retrievalScore, int rank,
        boolean positive, String output) {

    /** Validates the components. */
    public LabeledPair {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(output, "output must not be null; use \"\" when the item's answer is unknown");
    }

    /**
     * The key of the pair's query: pairs with the same key were labeled for the same query of the same user.
     *
     * @return the user's id and the query's id, joined by a character neither holds
     */
    public String queryKey() {
        return user.value() + "\u0000" + queryId;
    }

    /**
     * A pair whose item's answer is unknown (a candidate's pair).
     *
     * @param user the user
     * @param queryId the query's id
     * @param query the query
     * @param text the item's or candidate's text
     * @param retrievalScore the retriever's score
     * @param rank the rank or sample index
     * @param positive the label
     */
    public LabeledPair(UserId user, String queryId, String query, String text, double retrievalScore, int rank,
            boolean positive) {
        this(user, queryId, query, text, retrievalScore, rank, positive, "");
    }
}

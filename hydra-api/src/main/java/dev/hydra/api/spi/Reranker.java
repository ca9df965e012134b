package dev.hydra.api.spi;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reorders retrieved history items by how useful each is as a demonstration for the query, and keeps the
 * best {@code k} (HYDRA-Reranker: a shared base plus a head per user).
 *
 * <p><b>Contract:</b> the result holds only items from {@code candidates} (each at most once), at most
 * {@code k} of them, sorted by the reranker's score, best first; the caller's list is never changed. A user
 * without a personal head is scored by the shared model, never refused. <b>Thread-safety:</b> safe for
 * concurrent use.
 *
 * <p><b>Implementing:</b> implement {@link #doRerank} only. Callers call {@link #rerank}, which checks the
 * arguments, answers {@code k = 0} and no candidates itself, gives {@code doRerank} an unmodifiable copy of the
 * candidates, and checks that it kept at most {@code k} of them and nothing else; an implementation repeats none
 * of this.
 *
 * @since 0.1
 */
@ConsumerType
public interface Reranker extends Plugin {

    /**
     * Reranks retrieved items: checks the arguments, then calls {@link #doRerank} (not for {@code k = 0} or no
     * candidates, which get an empty list), then checks its result. Implementations leave this method alone.
     *
     * @param query the query; never {@code null}
     * @param candidates the retrieved items with their retrieval scores, best first; never {@code null}, no
     *     {@code null} element
     * @param k the most items to keep, at least 0
     * @return the kept items with the reranker's scores, best first
     * @throws NullPointerException when {@code query}, {@code candidates} or one of them is {@code null}
     * @throws IllegalArgumentException when {@code k} is negative
     * @throws IllegalStateException when {@code doRerank} returned {@code null}, more than {@code k} items, or an
     *     item that was not a candidate
     */
    default List<Scored<HistoryItem>> rerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
        SpiChecks.query(query, "reranker", this);
        List<Scored<HistoryItem>> given = SpiChecks.elements(candidates, "candidates", "reranker", this);
        SpiChecks.notNegative(k, "k (the most items to keep)", "pass 0 to keep nothing", "reranker", this);
        if (k == 0 || given.isEmpty()) {
            return List.of();
        }
        return SpiChecks.reranked(doRerank(query, given, k), given, k, this);
    }

    /**
     * Reranks, with checked arguments: what an implementation writes. Called by {@link #rerank} only.
     *
     * @param query the query; never {@code null}
     * @param candidates the retrieved items, best first; unmodifiable, at least one, no {@code null}
     * @param k the most items to keep, at least 1
     * @return the kept items with the reranker's scores, best first; never {@code null}
     * @since 0.2
     */
    List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k);

    /**
     * Starts the work that depends on the query alone, such as encoding it, so that a following
     * {@link #rerank} is faster. The pipeline calls it on another thread while the retriever runs, and waits for
     * it before it calls {@code rerank} with the same query; it may also be called without a {@code rerank}
     * following (when nothing was retrieved). A failure here is ignored, and {@code rerank} must then do the work
     * itself. The default does nothing.
     *
     * @param query the query that {@link #rerank} will get; never {@code null}
     */
    default void prepare(Query query) {}
}

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
 * {@code k} of them, sorted by the reranker's score, best first. A user without a personal head is scored
 * by the shared model, never refused. <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
@ConsumerType
public interface Reranker extends Plugin {

    /**
     * Reranks retrieved items.
     *
     * @param query the query; never {@code null}
     * @param candidates the retrieved items with their retrieval scores, best first; never {@code null}
     * @param k the most items to keep, at least 0
     * @return the kept items with the reranker's scores, best first
     * @throws IllegalArgumentException when {@code k} is negative
     */
    List<Scored<HistoryItem>> rerank(Query query, List<Scored<HistoryItem>> candidates, int k);

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

package dev.hydra.api.spi;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds the items of the asking user's history that best match a query (HYDRA's first stage, BM25 top 10
 * in the paper).
 *
 * <p><b>Contract:</b> every returned item belongs to {@code query.userId()}; at most {@code m} items; sorted
 * by descending score; no item twice. A user with no history gets an empty list, not an error.
 * <b>Thread-safety:</b> safe for concurrent use.
 *
 * <p><b>Implementing:</b> implement {@link #doRetrieve} only. Callers call {@link #retrieve}, which checks the
 * arguments, answers {@code m = 0} itself, calls {@code doRetrieve} and checks that it returned a list of at most
 * {@code m} items; an implementation repeats none of this.
 *
 * @since 0.1
 */
@ConsumerType
public interface Retriever extends Plugin {

    /**
     * Retrieves the best-matching items of the query's user: checks the arguments, then calls
     * {@link #doRetrieve} (not for {@code m = 0}, which gets an empty list), then checks its result.
     * Implementations leave this method alone.
     *
     * @param query the query; never {@code null}
     * @param m the most items to return, at least 0
     * @return the items with their scores, best first
     * @throws NullPointerException when {@code query} is {@code null}
     * @throws IllegalArgumentException when {@code m} is negative
     * @throws IllegalStateException when {@code doRetrieve} returned {@code null} or more than {@code m} items
     */
    default List<Scored<HistoryItem>> retrieve(Query query, int m) {
        SpiChecks.query(query, "retriever", this);
        SpiChecks.notNegative(m, "m (the most items to return)", "pass 0 to retrieve nothing", "retriever", this);
        if (m == 0) {
            return List.of();
        }
        return SpiChecks.retrieved(doRetrieve(query, m), m, this);
    }

    /**
     * Retrieves, with checked arguments: what an implementation writes. Called by {@link #retrieve} only.
     *
     * @param query the query; never {@code null}
     * @param m the most items to return, at least 1
     * @return the items with their scores, best first; never {@code null}
     * @since 0.2
     */
    List<Scored<HistoryItem>> doRetrieve(Query query, int m);
}

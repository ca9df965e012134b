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
 * @since 0.1
 */
@ConsumerType
public interface Retriever extends Plugin {

    /**
     * Retrieves the best-matching items of the query's user.
     *
     * @param query the query; never {@code null}
     * @param m the most items to return, at least 0
     * @return the items with their scores, best first
     * @throws IllegalArgumentException when {@code m} is negative
     */
    List<Scored<HistoryItem>> retrieve(Query query, int m);
}

package dev.hydra.api.spi;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A history store that keeps a vector of each item, by the encoder it was opened with, and ranks a user's items by
 * those vectors: what the {@code dense} retriever searches, whichever store it is (Lucene's index, PostgreSQL's
 * rows, or a plugin's).
 *
 * <p><b>Isolation</b> as for every {@link HistoryStore}: {@link #searchVector} ranks the asked user's items only.
 * <b>Thread-safety:</b> implementations are safe for concurrent use.
 *
 * @since 0.6
 */
@ConsumerType
public interface VectorHistoryStore extends HistoryStore {

    /**
     * The encoder whose vectors the store keeps.
     *
     * @return the encoder; empty when the store keeps no vectors
     */
    Optional<TextEncoder> encoder();

    /**
     * Ranks a user's items by the cosine of their stored vectors with a query vector.
     *
     * @param user the owner; never {@code null}
     * @param vector the query vector, of the encoder's dimension
     * @param m the most items
     * @return the user's items, best first, ties by item id
     * @throws IllegalStateException when the store keeps no vectors
     * @throws IllegalArgumentException when the vector's length is not the encoder's dimension
     */
    List<Scored<HistoryItem>> searchVector(UserId user, float[] vector, int m);
}

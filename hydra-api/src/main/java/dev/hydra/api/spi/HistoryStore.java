package dev.hydra.api.spi;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps the history of every user, each user's items apart from everyone else's.
 *
 * <p><b>Isolation</b> is the store's job: no method returns, counts or scores another user's items than the
 * one it is asked about. <b>Identity:</b> an item is identified by its user and its id; adding an item with
 * an id the user already has replaces it (re-ingesting is idempotent). <b>Durability:</b> when
 * {@link #add} or {@link #addAll} returns, the items survive a crash of the process.
 * <b>Thread-safety:</b> implementations are safe for concurrent use.
 *
 * <p><b>Size:</b> a user may have any number of items (a million, say). A caller that needs a user's items in memory
 * at once (a profile to index, a prior to count) reads a bounded window of them with {@link #newest} rather than
 * {@link #list}, which loads them all; {@link #DEFAULT_WINDOW} is the window Hydra's own callers use unless told
 * otherwise.
 *
 * @since 0.1
 */
@ConsumerType
public interface HistoryStore extends Plugin, AutoCloseable {

    /**
     * The most items of one user that Hydra's callers hold in memory at once unless configured otherwise
     * ({@value}): the newest ones, see {@link #newest}.
     *
     * @since 0.5
     */
    int DEFAULT_WINDOW = 10_000;

    /**
     * Adds or replaces one item.
     *
     * @param item the item; never {@code null}
     * @throws dev.hydra.api.HydraException when the item cannot be stored; nothing is stored then
     */
    void add(HistoryItem item);

    /**
     * Adds or replaces items, all or none: when this throws, the store is as it was.
     *
     * @param items the items, of any users; never {@code null}
     * @throws dev.hydra.api.HydraException when the items cannot be stored
     */
    void addAll(Collection<HistoryItem> items);

    /**
     * Looks up one of a user's items.
     *
     * @param user the owner
     * @param itemId the item's id
     * @return the item, or empty when this user has no item of that id
     */
    Optional<HistoryItem> get(UserId user, String itemId);

    /**
     * Lists a user's items, oldest first (by timestamp, then id): all of them, however many; see {@link #newest} for
     * a bounded window.
     *
     * @param user the owner
     * @return the items; empty for an unknown user
     */
    List<HistoryItem> list(UserId user);

    /**
     * Lists a user's newest items, newest first (by timestamp, newest first, then by id), at most
     * {@code max} of them. A store that can read them without loading all of the user's items (an index sorted by
     * time, a query with a limit) should override the default, which lists them all and keeps the newest.
     *
     * @param user the owner; never {@code null}
     * @param max the most items; {@code >= 0}
     * @return the items; empty for an unknown user
     * @throws IllegalArgumentException when {@code max} is negative
     * @since 0.5
     */
    default List<HistoryItem> newest(UserId user, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        List<HistoryItem> all = new java.util.ArrayList<>(list(user));
        all.sort(java.util.Comparator.comparing(HistoryItem::timestamp).reversed()
                .thenComparing(HistoryItem::id));
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    /**
     * Counts a user's items.
     *
     * @param user the owner
     * @return the number of items; 0 for an unknown user
     */
    int count(UserId user);

    /**
     * Lists the users that have at least one item.
     *
     * @return the users, sorted
     */
    List<UserId> users();

    /**
     * Returns the vectors this store keeps of items it returned, so that a caller that scores them (the
     * reranker) need not encode them again. Optional: a store without vectors keeps the default, which has none.
     *
     * <p>A vector is given only when the store holds that item unchanged (same user, id and content), and the
     * vector is the one the encoder {@code encoderId} computed of the item's {@link HistoryItem#retrievalText()};
     * otherwise that item's entry is empty and the caller encodes it itself. A store keeps the vectors of one
     * encoder at most, so a foreign {@code encoderId} gets no vector at all.
     *
     * @param items the items, of any users; never {@code null}
     * @param encoderId the {@link TextEncoder#id()} the vectors must come from; never {@code null}
     * @return one entry per item, in order: its stored vector (a copy), or empty
     * @since 0.1
     */
    default List<Optional<float[]>> storedVectors(List<HistoryItem> items, String encoderId) {
        return java.util.Collections.nCopies(items.size(), Optional.empty());
    }

    /**
     * A number that changes whenever the user's items change through this store, so that a caller may keep what
     * it derived from {@link #list} (a retriever's statistics over the user's items) until the number changes.
     * It may also change when nothing did (a write to another user), never the other way. Optional: the
     * default is empty, meaning the store cannot tell, and then nothing derived may be kept.
     *
     * @param user the user; never {@code null}
     * @return the user's revision, or empty when this store does not track revisions
     * @since 0.1
     */
    default OptionalLong revision(UserId user) {
        return OptionalLong.empty();
    }

    /**
     * Removes every item of a user, so that after {@link #compact()} no stored byte holds any of them.
     *
     * @param user the user to forget
     * @return how many items were removed
     */
    int forgetUser(UserId user);

    /**
     * Rewrites storage so that removed items leave no trace on disk. A store without such residue may do
     * nothing.
     */
    default void compact() {}

    /** Releases files and memory; the store is unusable afterwards. */
    @Override
    void close();
}

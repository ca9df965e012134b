package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BM25 Okapi statistics of recently asked users' profiles, each kept while its store revision stands: least
 * recently used first out, at most {@code maxItems} profile items in all (a profile of 1,000 short items takes
 * a few MB). Safe for concurrent use.
 */
final class OkapiProfiles {

    /**
     * A user's profile and its statistics, at a store revision.
     *
     * @param revision the store's revision of the user when the profile was listed
     * @param profile the user's items, in the store's order
     * @param index the BM25 Okapi statistics of their retrieval texts
     */
    record Entry(long revision, List<HistoryItem> profile, Bm25Okapi index) {}

    private final int maxItems;
    private final LinkedHashMap<UserId, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int items;

    /**
     * Creates an empty cache.
     *
     * @param maxItems the most profile items kept in all, at least 0
     */
    OkapiProfiles(int maxItems) {
        this.maxItems = maxItems;
    }

    /**
     * A user's entry, when it was made at this revision; an entry of another revision is dropped (the user's items
     * changed, or were forgotten, and must not stay in memory).
     *
     * @param user the user
     * @param revision the store's revision of the user now
     * @return the entry, or {@code null} when there is none of this revision
     */
    synchronized Entry get(UserId user, long revision) {
        Entry e = entries.get(user);
        if (e == null || e.revision() == revision) {
            return e;
        }
        entries.remove(user);
        items -= e.profile().size();
        return null;
    }

    /**
     * Keeps a user's entry in place of any older one, dropping the least recently used beyond the bound. A
     * profile larger than the bound is not kept.
     *
     * @param user the user
     * @param entry the entry
     */
    synchronized void put(UserId user, Entry entry) {
        Entry old = entries.remove(user);
        if (old != null) {
            items -= old.profile().size();
        }
        if (entry.profile().size() > maxItems) {
            return;
        }
        entries.put(user, entry);
        items += entry.profile().size();
        Iterator<Map.Entry<UserId, Entry>> eldest = entries.entrySet().iterator();
        while (items > maxItems) {
            items -= eldest.next().getValue().profile().size();
            eldest.remove();
        }
    }

    /**
     * The profile items kept now.
     *
     * @return their number
     */
    synchronized int items() {
        return items;
    }
}

package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * LaMP's and HYDRA's retriever: {@code rank_bm25} BM25 Okapi over the asking user's own items (IDF from those
 * items alone), whitespace tokens, ties to the later item of the user's history (as {@code numpy.argsort}
 * reversed does), over any {@link HistoryStore}.
 *
 * <p>The profile is the user's newest {@code window} items ({@link HistoryStore#newest}; default
 * {@link HistoryStore#DEFAULT_WINDOW}), oldest first: rank_bm25 indexes a profile in memory, so a user with a million
 * items is served from a bounded window of them, never from all. A user with fewer items is ranked exactly as before.
 *
 * <p>Listing a user's items and indexing them costs far more than scoring (about 30 ms against 1 ms for 1,000
 * items), so when the store tracks {@link HistoryStore#revision revisions} the statistics of recently asked users
 * are kept until their revision changes ({@value #CACHED_ITEMS} profile items in all).
 */
public final class Bm25OkapiRetriever implements Retriever {

    private final String name;
    private final HistoryStore store;
    private final double k1;
    private final double b;
    private final double epsilon;
    private final OkapiProfiles profiles;
    private final int window;

    /** The most profile items whose statistics are kept (a few MB per 1,000 items). */
    static final int CACHED_ITEMS = 20_000;

    /**
     * Creates the retriever.
     *
     * @param name its name
     * @param store the store whose {@link HistoryStore#newest} gives each user's profile
     * @param k1 the k1 parameter
     * @param b the b parameter
     * @param epsilon the IDF floor as a fraction of the mean IDF
     */
    public Bm25OkapiRetriever(String name, HistoryStore store, double k1, double b, double epsilon) {
        this(name, store, k1, b, epsilon, HistoryStore.DEFAULT_WINDOW);
    }

    /**
     * Creates the retriever over a window of each user's newest items.
     *
     * @param name its name
     * @param store the store whose {@link HistoryStore#newest} gives each user's profile
     * @param k1 the k1 parameter
     * @param b the b parameter
     * @param epsilon the IDF floor as a fraction of the mean IDF
     * @param window the most of a user's newest items that form the profile; {@code >= 1}
     * @throws IllegalArgumentException when {@code window} is less than 1
     */
    public Bm25OkapiRetriever(String name, HistoryStore store, double k1, double b, double epsilon, int window) {
        this(name, store, k1, b, epsilon, window, CACHED_ITEMS);
    }

    /** As above, keeping the statistics of at most {@code cachedItems} profile items. */
    Bm25OkapiRetriever(String name, HistoryStore store, double k1, double b, double epsilon, int window,
            int cachedItems) {
        if (window < 1) {
            throw new IllegalArgumentException("bm25-okapi window must be >= 1, was " + window);
        }
        this.window = window;
        this.profiles = new OkapiProfiles(cachedItems);
        this.name = name;
        this.store = store;
        this.k1 = k1;
        this.b = b;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        OkapiProfiles.Entry entry = profile(query.userId());
        List<HistoryItem> profile = entry.profile();
        if (profile.isEmpty()) {
            return List.of();
        }
        double[] scores = entry.index().scores(Bm25Okapi.tokenize(query.text()));
        List<Integer> order = new ArrayList<>(profile.size());
        for (int i = 0; i < profile.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> scores[i]).reversed()
                .thenComparing(Comparator.<Integer>reverseOrder()));
        List<Scored<HistoryItem>> out = new ArrayList<>(Math.min(m, order.size()));
        for (int i : order.subList(0, Math.min(m, order.size()))) {
            out.add(new Scored<>(profile.get(i), scores[i]));
        }
        return out;
    }

    /** The user's profile and statistics: kept ones of the user's current revision, else listed and indexed now. */
    private OkapiProfiles.Entry profile(UserId user) {
        OptionalLong before = store.revision(user);
        if (before.isPresent()) {
            OkapiProfiles.Entry kept = profiles.get(user, before.getAsLong());
            if (kept != null) {
                return kept;
            }
        }
        List<HistoryItem> profile = new ArrayList<>(store.newest(user, window));
        profile.sort(Comparator.comparing(HistoryItem::timestamp).thenComparing(HistoryItem::id)); // as list(user)
        List<List<String>> corpus = new ArrayList<>(profile.size());
        for (HistoryItem item : profile) {
            corpus.add(Bm25Okapi.tokenize(item.retrievalText()));
        }
        OkapiProfiles.Entry entry = new OkapiProfiles.Entry(before.orElse(-1), profile,
                new Bm25Okapi(corpus, k1, b, epsilon));
        if (before.isPresent() && store.revision(user).equals(before)) {
            profiles.put(user, entry); // nothing changed while it was listed
        }
        return entry;
    }

    /** The profile items whose statistics are kept now (for tests). */
    int cachedItems() {
        return profiles.items();
    }
}

package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base class for {@link dev.hydra.api.spi.Retriever} compatibility tests: checks the contract of
 * {@link dev.hydra.api.spi.Retriever} and {@link RetrieverProvider}.
 *
 * <p>To run a retriever against this kit, make a test class that extends this and implement
 * {@link #provider()}; override the other hooks where the defaults do not fit:
 * <pre>{@code
 * class Bm25RetrieverCompatibilityTest extends RetrieverCompatibilityKit {
 *     protected RetrieverProvider provider() { return new Bm25RetrieverProvider(); }
 *     protected HistoryStore newStore(Path dir) { return LuceneHistoryStore.open(dir); }
 * }
 * }</pre>
 *
 * <p>Before each test the kit opens a store with {@link #newStore(Path)} in a fresh temporary directory,
 * adds {@link TestCorpora#small()} (four users whose item ids collide), and builds the retriever with
 * {@code provider().create(new RetrieverContext(store, encoder(), Map.of()))}. The checks: only the asking
 * user's items, at most {@code m}, best first, no item twice, nothing for a user without items, {@code m = 0}
 * gives nothing, a negative {@code m} is refused, a query equal to an item's text finds that item first
 * (unless {@link #ranksByTextRelevance()} says the retriever ignores the text), concurrent calls agree with
 * sequential ones, the name is valid and the provider's, and the retriever implements {@code doRetrieve} and
 * leaves {@code retrieve}, which checks the arguments and the result, to the SPI.
 *
 * @since 0.1
 */
public abstract class RetrieverCompatibilityKit {

    private static final String TASK = "kit";

    private HistoryStore store;
    private Retriever retriever;
    private List<HistoryItem> corpus;

    /** Creates the kit; subclasses need no constructor. */
    protected RetrieverCompatibilityKit() {}

    /**
     * The provider under test.
     *
     * @return the provider; may be a new instance on each call
     */
    protected abstract RetrieverProvider provider();

    /**
     * Opens the store the retriever searches; the kit closes it after each test.
     *
     * @param dir an empty temporary directory for the store's files
     * @return the store; by default an {@link InMemoryHistoryStore}
     */
    protected HistoryStore newStore(Path dir) {
        return new InMemoryHistoryStore();
    }

    /**
     * The encoder passed in the {@link RetrieverContext}: a dense retriever needs one.
     *
     * @return the encoder; by default empty
     */
    protected Optional<TextEncoder> encoder() {
        return Optional.empty();
    }

    /**
     * Whether the retriever ranks by how well an item's text matches the query. A retriever that ranks by
     * something else (e.g. recency) returns false, and the kit skips the relevance check.
     *
     * @return true by default
     */
    protected boolean ranksByTextRelevance() {
        return true;
    }

    /**
     * The store of the current test, filled with {@link TestCorpora#small()}: for a subclass's own tests.
     *
     * @return the store
     */
    protected final HistoryStore store() {
        return store;
    }

    /**
     * The retriever of the current test: for a subclass's own tests.
     *
     * @return the retriever
     */
    protected final Retriever retriever() {
        return retriever;
    }

    @BeforeEach
    void openStoreAndRetriever(@TempDir Path dir) {
        corpus = TestCorpora.small();
        store = newStore(dir);
        assertNotNull(store, "newStore(dir) returned null");
        store.addAll(corpus);
        retriever = provider().create(new RetrieverContext(store, encoder(), Map.of()));
        assertNotNull(retriever, "provider().create(context) returned null");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private List<Scored<HistoryItem>> retrieve(UserId user, String text, int m) {
        List<Scored<HistoryItem>> result = retriever.retrieve(new Query(user, text, TASK), m);
        assertNotNull(result, () -> "retrieve returned null for " + user + " and m=" + m);
        return result;
    }

    /** Query texts: the texts of two items of every user, and a free query matching several users. */
    private List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (HistoryItem item : corpus) {
            if (item.id().equals("item-01") || item.id().equals("item-04")) {
                queries.add(item.retrievalText());
            }
        }
        queries.add("tomatoes in winter with garlic and rain");
        return queries;
    }

    private static String describe(List<Scored<HistoryItem>> result) {
        return result.stream().map(s -> s.value().userId() + "/" + s.value().id() + "=" + s.score()).toList()
                .toString();
    }

    /** Isolation: a retriever only ever returns the asking user's own items. */
    @Nested
    @DisplayName("isolation between users")
    class IsolationTck {

        @Test
        @DisplayName("returns only the items of the query's user, even for another user's text")
        void should_return_only_the_query_users_items() {
            for (UserId user : TestCorpora.users(corpus)) {
                for (String text : queries()) {
                    List<Scored<HistoryItem>> result = retrieve(user, text, 10);
                    for (Scored<HistoryItem> scored : result) {
                        assertEquals(user, scored.value().userId(), () -> "query of " + user + " for \"" + text
                                + "\" returned another user's item: " + describe(result));
                    }
                }
            }
        }

        @Test
        @DisplayName("returns the stored items themselves, not altered copies")
        void should_return_the_stored_items() {
            for (Scored<HistoryItem> scored : retrieve(TestCorpora.CAROL, "flaky race condition threads", 10)) {
                HistoryItem item = scored.value();
                assertEquals(store.get(item.userId(), item.id()), Optional.of(item),
                        () -> "retrieved item differs from the stored one: " + item);
            }
        }

        @Test
        @DisplayName("returns an empty list for a user without items")
        void should_return_nothing_for_a_user_without_items() {
            List<Scored<HistoryItem>> result = retrieve(TestCorpora.NEWCOMER, "roasted tomato sauce", 10);
            assertTrue(result.isEmpty(), () -> "a user without history got " + describe(result));
        }
    }

    /** Limits: the number of results is bounded by {@code m}. */
    @Nested
    @DisplayName("limits")
    class LimitsTck {

        @ParameterizedTest(name = "m = {0}")
        @ValueSource(ints = {1, 2, 3, 5, 6, 50})
        @DisplayName("returns at most m items")
        void should_return_at_most_m_items(int m) {
            for (UserId user : TestCorpora.users(corpus)) {
                List<Scored<HistoryItem>> result = retrieve(user, "winter rain tomatoes threads summer", m);
                assertTrue(result.size() <= m,
                        () -> "m=" + m + " but got " + result.size() + " items: " + describe(result));
            }
        }

        @Test
        @DisplayName("returns an empty list when m is 0")
        void should_return_nothing_when_m_is_zero() {
            List<Scored<HistoryItem>> result = retrieve(TestCorpora.ALICE, "roasted tomato sauce", 0);
            assertTrue(result.isEmpty(), () -> "m=0 but got " + describe(result));
        }

        @ParameterizedTest(name = "m = {0}")
        @ValueSource(ints = {-1, -10, Integer.MIN_VALUE})
        @DisplayName("rejects a negative m with IllegalArgumentException")
        void should_reject_a_negative_m(int m) {
            Query query = new Query(TestCorpora.ALICE, "roasted tomato sauce", TASK);
            assertThrows(IllegalArgumentException.class, () -> retriever.retrieve(query, m),
                    () -> "m=" + m + " must be refused");
        }
    }

    /** Ranking: best first, no duplicates, and the text decides when the retriever ranks by text. */
    @Nested
    @DisplayName("ranking")
    class RankingTck {

        @Test
        @DisplayName("sorts the items by descending score")
        void should_sort_by_descending_score() {
            for (UserId user : TestCorpora.users(corpus)) {
                for (String text : queries()) {
                    List<Scored<HistoryItem>> result = retrieve(user, text, 10);
                    for (int i = 1; i < result.size(); i++) {
                        int at = i;
                        assertTrue(result.get(i - 1).score() >= result.get(i).score(),
                                () -> "not sorted best first at " + at + ": " + describe(result));
                    }
                }
            }
        }

        @Test
        @DisplayName("never returns the same item twice")
        void should_not_return_an_item_twice() {
            for (UserId user : TestCorpora.users(corpus)) {
                for (String text : queries()) {
                    List<Scored<HistoryItem>> result = retrieve(user, text, 10);
                    Set<String> ids = new HashSet<>();
                    for (Scored<HistoryItem> scored : result) {
                        assertTrue(ids.add(scored.value().id()),
                                () -> "item " + scored.value().id() + " returned twice: " + describe(result));
                    }
                }
            }
        }

        @Test
        @DisplayName("finds an item first when the query is that item's text")
        void should_rank_an_item_first_when_the_query_is_its_text() {
            Assumptions.assumeTrue(ranksByTextRelevance(), "this retriever does not rank by text relevance");
            for (HistoryItem item : corpus) {
                List<Scored<HistoryItem>> result = retrieve(item.userId(), item.retrievalText(), 3);
                if (result.isEmpty()) {
                    fail("query equal to the text of " + item.userId() + "/" + item.id() + " found nothing");
                }
                Scored<HistoryItem> first = result.get(0);
                boolean found = result.stream().anyMatch(s -> s.value().id().equals(item.id())
                        && s.score() == first.score());
                assertTrue(found, () -> "query equal to the text of " + item.userId() + "/" + item.id()
                        + " did not rank it first: " + describe(result));
            }
        }
    }

    /** Thread-safety: concurrent calls agree with sequential ones. */
    @Nested
    @DisplayName("thread-safety")
    class ConcurrencyTck {

        @Test
        @DisplayName("gives the same results from several threads as from one")
        void should_give_the_same_results_concurrently() {
            List<Query> queries = new ArrayList<>();
            for (UserId user : TestCorpora.users(corpus)) {
                for (String text : queries()) {
                    queries.add(new Query(user, text, TASK));
                }
            }
            List<List<Scored<HistoryItem>>> expected = new ArrayList<>();
            for (Query query : queries) {
                expected.add(retriever.retrieve(query, 4));
            }
            List<List<List<Scored<HistoryItem>>>> perThread = Concurrently.run(Concurrently.THREADS, thread -> {
                List<List<Scored<HistoryItem>>> results = new ArrayList<>();
                for (int i = 0; i < queries.size(); i++) {
                    results.add(null);
                }
                for (int r = 0; r < 3; r++) {
                    for (int i = 0; i < queries.size(); i++) {
                        int at = (i + thread * 5 + r) % queries.size();
                        results.set(at, retriever.retrieve(queries.get(at), 4));
                    }
                }
                return results;
            });
            for (List<List<Scored<HistoryItem>>> results : perThread) {
                for (int i = 0; i < queries.size(); i++) {
                    int at = i;
                    assertEquals(expected.get(i), results.get(i),
                            () -> "concurrent result differs for " + queries.get(at));
                }
            }
        }
    }

    /** Naming: the retriever is known by its provider's valid name. */
    @Nested
    @DisplayName("naming")
    class NamingTck {

        @Test
        @DisplayName("has a valid name equal to its provider's")
        void should_have_a_valid_name_equal_to_the_providers() {
            String providerName = PluginNames.assertValid(provider());
            assertEquals(providerName, PluginNames.assertValid(retriever),
                    "a retriever's name() is its provider's name()");
            assertFalse(providerName.isBlank());
        }

        @Test
        @DisplayName("implements doRetrieve and leaves retrieve, which checks its arguments and result, to the SPI")
        void should_leave_the_checks_to_the_spi() {
            CheckedEntryPoints.assertLeftToTheSpi(retriever, Retriever.class, "retrieve", Query.class, int.class);
        }
    }
}

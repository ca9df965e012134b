package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base class for {@link Reranker} compatibility tests: only given items, each at most once, at most
 * {@code k}, best first, a negative {@code k} refused, a user never seen before served, and {@code rerank}, which
 * checks the arguments and the result, left to the SPI ({@code doRerank} implemented instead).
 *
 * <p>To run a reranker against this kit, make a test class that extends this and implement
 * {@link #reranker()}:
 * <pre>{@code
 * class LearnedRerankerCompatibilityTest extends RerankerCompatibilityKit {
 *     protected Reranker reranker() { return LearnedReranker.load(MODEL_DIR, new InMemoryHeadStore()); }
 * }
 * }</pre>
 * The candidates are a user's six items of {@link TestCorpora#small()} with descending retrieval scores;
 * the kit calls {@link #reranker()} once per test.
 *
 * @since 0.1
 */
public abstract class RerankerCompatibilityKit {

    private static final String TASK = "kit";

    private Reranker reranker;

    /** Creates the kit; subclasses need no constructor. */
    protected RerankerCompatibilityKit() {}

    /**
     * The reranker under test.
     *
     * @return the reranker
     */
    protected abstract Reranker reranker();

    @BeforeEach
    void createReranker() {
        reranker = reranker();
        assertNotNull(reranker, "reranker() returned null");
    }

    /** A user's items as retrieval results, best first. */
    private static List<Scored<HistoryItem>> candidatesOf(UserId user) {
        List<HistoryItem> items = TestCorpora.itemsOf(TestCorpora.small(), user);
        List<Scored<HistoryItem>> candidates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            candidates.add(new Scored<>(items.get(i), 10.0 - i));
        }
        return List.copyOf(candidates);
    }

    private List<Scored<HistoryItem>> rerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
        List<Scored<HistoryItem>> result = reranker.rerank(query, candidates, k);
        assertNotNull(result, "rerank returned null");
        return result;
    }

    private static String describe(List<Scored<HistoryItem>> result) {
        return result.stream().map(s -> s.value().userId() + "/" + s.value().id() + "=" + s.score()).toList()
                .toString();
    }

    private static void assertContract(List<Scored<HistoryItem>> candidates, List<Scored<HistoryItem>> result, int k) {
        assertTrue(result.size() <= k, () -> "k=" + k + " but kept " + result.size() + ": " + describe(result));
        List<HistoryItem> given = candidates.stream().map(Scored::value).toList();
        Set<HistoryItem> kept = new HashSet<>();
        for (Scored<HistoryItem> scored : result) {
            assertTrue(given.contains(scored.value()),
                    () -> "kept an item that was not a candidate: " + scored.value());
            assertTrue(kept.add(scored.value()), () -> "kept an item twice: " + describe(result));
        }
        for (int i = 1; i < result.size(); i++) {
            int at = i;
            assertTrue(result.get(i - 1).score() >= result.get(i).score(),
                    () -> "not sorted best first at " + at + ": " + describe(result));
        }
    }

    /** Selection: a sorted subset of at most k of the candidates. */
    @Nested
    @DisplayName("selection")
    class SelectionTck {

        @ParameterizedTest(name = "k = {0}")
        @ValueSource(ints = {0, 1, 3, 6, 10})
        @DisplayName("keeps at most k of the given items, each once, best first")
        void should_keep_a_sorted_subset_of_at_most_k(int k) {
            for (UserId user : List.of(TestCorpora.ALICE, TestCorpora.BOB, TestCorpora.CAROL)) {
                List<Scored<HistoryItem>> candidates = candidatesOf(user);
                Query query = new Query(user, candidates.get(2).value().input(), TASK);
                assertContract(candidates, rerank(query, candidates, k), k);
            }
        }

        @Test
        @DisplayName("keeps nothing when k is 0")
        void should_keep_nothing_when_k_is_zero() {
            List<Scored<HistoryItem>> candidates = candidatesOf(TestCorpora.ALICE);
            assertEquals(List.of(), rerank(new Query(TestCorpora.ALICE, "lentil curry", TASK), candidates, 0));
        }

        @Test
        @DisplayName("returns an empty list for no candidates")
        void should_return_nothing_for_no_candidates() {
            assertEquals(List.of(), rerank(new Query(TestCorpora.ALICE, "lentil curry", TASK), List.of(), 4));
        }

        @ParameterizedTest(name = "k = {0}")
        @ValueSource(ints = {-1, Integer.MIN_VALUE})
        @DisplayName("rejects a negative k with IllegalArgumentException")
        void should_reject_a_negative_k(int k) {
            Query query = new Query(TestCorpora.ALICE, "lentil curry", TASK);
            List<Scored<HistoryItem>> candidates = candidatesOf(TestCorpora.ALICE);
            assertThrows(IllegalArgumentException.class, () -> reranker.rerank(query, candidates, k),
                    () -> "k=" + k + " must be refused");
        }

        @Test
        @DisplayName("does not change the list it was given")
        void should_not_modify_the_candidates() {
            List<Scored<HistoryItem>> candidates = new ArrayList<>(candidatesOf(TestCorpora.DAVE));
            List<Scored<HistoryItem>> before = List.copyOf(candidates);
            rerank(new Query(TestCorpora.DAVE, "compost and slugs", TASK), candidates, 3);
            assertEquals(before, candidates);
        }
    }

    /** Cold start and concurrency. */
    @Nested
    @DisplayName("serving")
    class ServingTck {

        @Test
        @DisplayName("serves a user it has never seen")
        void should_serve_an_unknown_user() {
            UserId stranger = UserId.of("never-seen-before-" + Long.toHexString(System.nanoTime()));
            List<Scored<HistoryItem>> candidates = new ArrayList<>();
            for (Scored<HistoryItem> scored : candidatesOf(TestCorpora.CAROL)) {
                HistoryItem item = scored.value();
                candidates.add(new Scored<>(new HistoryItem(item.id(), stranger, item.input(), item.output(),
                        item.timestamp(), item.attributes()), scored.score()));
            }
            List<Scored<HistoryItem>> result = rerank(new Query(stranger, "flaky threads", TASK), candidates, 3);
            assertContract(candidates, result, 3);
            assertFalse(result.isEmpty(), "a user without a personal head must be scored by the shared model");
        }

        @Test
        @DisplayName("gives the same results from several threads as from one")
        void should_give_the_same_results_concurrently() {
            List<UserId> users = List.of(TestCorpora.ALICE, TestCorpora.BOB, TestCorpora.CAROL, TestCorpora.DAVE);
            List<List<Scored<HistoryItem>>> expected = new ArrayList<>();
            for (UserId user : users) {
                expected.add(reranker.rerank(new Query(user, "winter summer rain", TASK), candidatesOf(user), 4));
            }
            List<List<List<Scored<HistoryItem>>>> perThread = Concurrently.run(Concurrently.THREADS, thread -> {
                List<List<Scored<HistoryItem>>> results = new ArrayList<>();
                for (UserId user : users) {
                    results.add(reranker.rerank(new Query(user, "winter summer rain", TASK), candidatesOf(user), 4));
                }
                return results;
            });
            for (List<List<Scored<HistoryItem>>> results : perThread) {
                assertEquals(expected, results, "concurrent results");
            }
        }

        @Test
        @DisplayName("reranks the same after prepare, and after a prepare that no rerank followed")
        void should_rerank_the_same_when_prepared() {
            Query query = new Query(TestCorpora.BOB, "winter summer rain", TASK);
            List<Scored<HistoryItem>> expected = reranker.rerank(query, candidatesOf(TestCorpora.BOB), 4);
            reranker.prepare(query);
            assertEquals(expected, rerank(query, candidatesOf(TestCorpora.BOB), 4), "after prepare");
            reranker.prepare(new Query(TestCorpora.ALICE, "a query whose rerank never comes", TASK));
            reranker.prepare(query);
            reranker.prepare(query);
            assertEquals(expected, rerank(query, candidatesOf(TestCorpora.BOB), 4), "after repeated prepares");
            assertEquals(expected, rerank(query, candidatesOf(TestCorpora.BOB), 4), "after its prepare was used");
        }

        @Test
        @DisplayName("has a valid name")
        void should_have_a_valid_name() {
            PluginNames.assertValid(reranker);
        }

        @Test
        @DisplayName("implements doRerank and leaves rerank, which checks its arguments and result, to the SPI")
        void should_leave_the_checks_to_the_spi() {
            CheckedEntryPoints.assertLeftToTheSpi(reranker, Reranker.class, "rerank", Query.class, List.class,
                    int.class);
        }
    }
}

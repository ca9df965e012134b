package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base class for {@link HistoryStore} compatibility tests: add, get, list, count, users, isolation between
 * users, idempotent re-adding, forgetting a user, compaction, concurrent writers, stored vectors (one entry per
 * item, none of a foreign encoder) and, for a store on disk, reopening.
 *
 * <p>To run a store against this kit, make a test class that extends this and implement
 * {@link #newStore(Path)}; a store that keeps its items on disk also returns true from {@link #persistent()}:
 * <pre>{@code
 * class LuceneHistoryStoreCompatibilityTest extends HistoryStoreCompatibilityKit {
 *     protected HistoryStore newStore(Path dir) { return LuceneHistoryStore.open(dir); }
 *     protected boolean persistent() { return true; }
 * }
 * }</pre>
 * Each test gets a fresh temporary directory; the kit closes the store after it.
 *
 * @since 0.1
 */
public abstract class HistoryStoreCompatibilityKit {

    private Path dir;
    private HistoryStore store;
    private List<HistoryItem> corpus;

    /** Creates the kit; subclasses need no constructor. */
    protected HistoryStoreCompatibilityKit() {}

    /**
     * Opens a store over a directory; for a persistent store, a second store over the same directory sees
     * what the first one stored.
     *
     * @param dir the directory, empty in the first call of a test
     * @return the store
     */
    protected abstract HistoryStore newStore(Path dir);

    /**
     * Whether the store keeps its items on disk: then the kit also closes it, reopens it with
     * {@link #newStore(Path)} over the same directory, and checks that everything is still there.
     *
     * @return false by default
     */
    protected boolean persistent() {
        return false;
    }

    @BeforeEach
    void openStore(@TempDir Path tempDir) {
        dir = tempDir;
        corpus = TestCorpora.small();
        store = newStore(dir);
        assertNotNull(store, "newStore(dir) returned null");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Closes the store and opens it again over the same directory. */
    private void reopen() {
        store.close();
        store = null;
        store = newStore(dir);
        assertNotNull(store, "newStore(dir) returned null on reopening");
    }

    private static List<HistoryItem> oldestFirst(List<HistoryItem> items) {
        return items.stream()
                .sorted(Comparator.comparing(HistoryItem::timestamp).thenComparing(HistoryItem::id))
                .toList();
    }

    private void assertHolds(List<HistoryItem> items) {
        for (UserId user : TestCorpora.users(items)) {
            List<HistoryItem> own = TestCorpora.itemsOf(items, user);
            assertEquals(oldestFirst(own), store.list(user), () -> "list(" + user + ")");
            assertEquals(own.size(), store.count(user), () -> "count(" + user + ")");
            for (HistoryItem item : own) {
                assertEquals(Optional.of(item), store.get(user, item.id()),
                        () -> "get(" + user + ", " + item.id() + ")");
            }
        }
    }

    /** Basics: what is added can be read back. */
    @Nested
    @DisplayName("adding and reading")
    class BasicsTck {

        @Test
        @DisplayName("returns an added item by its user and id")
        void should_get_an_added_item() {
            HistoryItem item = corpus.get(0);
            store.add(item);
            assertEquals(Optional.of(item), store.get(item.userId(), item.id()));
            assertEquals(1, store.count(item.userId()));
        }

        @Test
        @DisplayName("lists a user's items oldest first, ties by id")
        void should_list_oldest_first() {
            for (HistoryItem item : corpus) {
                store.add(item);
            }
            assertHolds(corpus);
        }

        @Test
        @DisplayName("reads a window of a user's newest items, newest first, ties by id, whatever its size")
        void should_read_the_newest_window() {
            // given: ties of one instant at every window's edge, and another user's newer items
            UserId user = UserId.of("windowed");
            List<HistoryItem> own = new ArrayList<>();
            long[] seconds = {5, 1, 3, 3, 3, 2, 5, 4};
            for (int i = 0; i < seconds.length; i++) {
                own.add(new HistoryItem("w" + (char) ('h' - i), user, "input " + i, "output " + i,
                        Instant.ofEpochSecond(1_600_000_000L + seconds[i]), Map.of()));
            }
            store.addAll(own);
            store.add(new HistoryItem("w-other", UserId.of("other"), "in", "out", Instant.ofEpochSecond(1_700_000_000L),
                    Map.of()));
            List<HistoryItem> newestFirst = own.stream()
                    .sorted(Comparator.comparing(HistoryItem::timestamp).reversed().thenComparing(HistoryItem::id))
                    .toList();
            // then
            for (int max = 0; max <= own.size() + 1; max++) {
                int m = max;
                assertEquals(newestFirst.subList(0, Math.min(max, own.size())), store.newest(user, max),
                        () -> "newest(" + user + ", " + m + ")");
            }
            assertEquals(List.of(), store.newest(TestCorpora.NEWCOMER, 3), "an unknown user's window");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> store.newest(user, -1));
            assertTrue(e.getMessage().contains("max"), e::getMessage);
        }

        @Test
        @DisplayName("adds the items of several users at once")
        void should_add_all() {
            store.addAll(corpus);
            assertHolds(corpus);
            assertEquals(TestCorpora.users(corpus), store.users(), "users()");
        }

        @Test
        @DisplayName("lists the users with items, sorted")
        void should_list_users_sorted() {
            List<HistoryItem> reversed = new ArrayList<>(corpus);
            java.util.Collections.reverse(reversed);
            store.addAll(reversed);
            assertEquals(TestCorpora.users(corpus), store.users());
        }

        @Test
        @DisplayName("knows nothing of a user without items")
        void should_know_nothing_of_an_unknown_user() {
            store.addAll(corpus);
            assertEquals(List.of(), store.list(TestCorpora.NEWCOMER), "list");
            assertEquals(0, store.count(TestCorpora.NEWCOMER), "count");
            assertEquals(Optional.empty(), store.get(TestCorpora.NEWCOMER, "item-01"), "get");
        }
    }

    /** Stored vectors: optional, but one entry per item and never another encoder's vector. */
    @Nested
    @DisplayName("stored vectors")
    class VectorsTck {

        @Test
        @DisplayName("gives one entry per item, and no vector of an encoder it does not keep")
        void should_give_no_vector_of_a_foreign_encoder() {
            store.addAll(corpus);
            List<Optional<float[]>> vectors = store.storedVectors(corpus, "no-such-encoder@0");
            assertEquals(corpus.size(), vectors.size(), "entries");
            assertTrue(vectors.stream().allMatch(Optional::isEmpty), "a vector of an encoder the store never saw");
            assertEquals(List.of(), store.storedVectors(List.of(), "no-such-encoder@0"), "no items");
        }
    }

    /** Isolation: one user's items are invisible to another. */
    @Nested
    @DisplayName("isolation between users")
    class IsolationTck {

        @Test
        @DisplayName("does not return another user's item of the same id")
        void should_not_get_another_users_item() {
            store.addAll(TestCorpora.itemsOf(corpus, TestCorpora.ALICE));
            assertEquals(Optional.empty(), store.get(TestCorpora.BOB, "item-01"));
            assertEquals(List.of(), store.list(TestCorpora.BOB));
            assertEquals(0, store.count(TestCorpora.BOB));
        }

        @Test
        @DisplayName("keeps items of the same id apart when their users differ")
        void should_keep_same_ids_of_different_users_apart() {
            store.addAll(corpus);
            for (HistoryItem item : corpus) {
                assertEquals(Optional.of(item), store.get(item.userId(), item.id()),
                        () -> "get(" + item.userId() + ", " + item.id() + ")");
            }
        }
    }

    /** Identity: an item is its user and id; re-adding replaces. */
    @Nested
    @DisplayName("identity")
    class IdentityTck {

        @Test
        @DisplayName("replaces an item added again with the same id")
        void should_replace_an_item_of_the_same_id() {
            store.addAll(corpus);
            HistoryItem old = TestCorpora.itemsOf(corpus, TestCorpora.ALICE).get(0);
            HistoryItem replacement = new HistoryItem(old.id(), old.userId(), "an edited article", "an edited headline",
                    old.timestamp(), Map.of("edited", "yes"));
            store.add(replacement);
            assertEquals(Optional.of(replacement), store.get(old.userId(), old.id()));
            assertEquals(6, store.count(old.userId()), "count after replacing");
            assertEquals(6, store.list(old.userId()).size(), "list size after replacing");
        }

        @Test
        @DisplayName("is idempotent: adding the same items twice stores them once")
        void should_be_idempotent() {
            store.addAll(corpus);
            store.addAll(corpus);
            assertHolds(corpus);
        }

        @Test
        @DisplayName("keeps timestamps and attributes exactly")
        void should_keep_every_field() {
            HistoryItem item = new HistoryItem("x:1/ü", TestCorpora.CAROL, "input\nwith lines", "",
                    Instant.parse("2021-07-04T12:34:56.789Z"), Map.of("title", "T", "lang", "en"));
            store.add(item);
            assertEquals(Optional.of(item), store.get(TestCorpora.CAROL, item.id()));
        }
    }

    /** Forgetting: a user's items go, the others stay. */
    @Nested
    @DisplayName("forgetting a user")
    class ForgettingTck {

        @Test
        @DisplayName("removes every item of that user and says how many")
        void should_forget_a_user() {
            store.addAll(corpus);
            assertEquals(6, store.forgetUser(TestCorpora.BOB), "forgetUser result");
            assertEquals(List.of(), store.list(TestCorpora.BOB));
            assertEquals(0, store.count(TestCorpora.BOB));
            assertEquals(Optional.empty(), store.get(TestCorpora.BOB, "item-01"));
            assertTrue(!store.users().contains(TestCorpora.BOB), "users() still lists the forgotten user");
        }

        @Test
        @DisplayName("keeps every item of the other users")
        void should_keep_the_other_users() {
            store.addAll(corpus);
            store.forgetUser(TestCorpora.BOB);
            List<HistoryItem> others = corpus.stream().filter(i -> !i.userId().equals(TestCorpora.BOB)).toList();
            assertHolds(others);
            assertEquals(TestCorpora.users(others), store.users());
        }

        @Test
        @DisplayName("keeps the other users through compaction")
        void should_keep_the_other_users_after_compaction() {
            store.addAll(corpus);
            store.forgetUser(TestCorpora.CAROL);
            store.compact();
            List<HistoryItem> others = corpus.stream().filter(i -> !i.userId().equals(TestCorpora.CAROL)).toList();
            assertHolds(others);
            assertEquals(0, store.count(TestCorpora.CAROL));
        }

        @Test
        @DisplayName("returns 0 for a user without items")
        void should_forget_an_unknown_user_as_zero() {
            store.addAll(corpus);
            assertEquals(0, store.forgetUser(TestCorpora.NEWCOMER));
            assertHolds(corpus);
        }
    }

    /** Application ids: Unicode, spaces, slashes and traversals are users like any other, kept apart exactly. */
    @Nested
    @DisplayName("application user ids")
    class ApplicationIdsTck {

        @Test
        @DisplayName("keeps users apart whose ids share a prefix, a word or a path")
        void should_keep_application_ids_apart() {
            // given
            List<HistoryItem> items = TestCorpora.ofApplicationIds();

            // when
            store.addAll(items);

            // then
            assertHolds(items);
            assertEquals(TestCorpora.users(items), store.users());
        }

        @Test
        @DisplayName("finds a user by the decomposed form of their id (NFC)")
        void should_find_a_user_by_either_unicode_form() {
            // given
            store.addAll(TestCorpora.ofApplicationIds());

            // when
            UserId decomposed = UserId.of("Jose\u0301");

            // then
            assertEquals(3, store.count(decomposed));
            assertEquals(store.list(UserId.of("Jos\u00e9")), store.list(decomposed));
        }

        @Test
        @DisplayName("forgets a path-like id and a traversal without touching their prefix or target")
        void should_forget_only_the_named_application_id() {
            // given
            List<HistoryItem> items = TestCorpora.ofApplicationIds();
            store.addAll(items);
            List<UserId> forgotten = List.of(UserId.of("user/42"), UserId.of("../x"), UserId.of("alice smith"));

            // when
            forgotten.forEach(store::forgetUser);
            store.compact();
            if (persistent()) {
                reopen();
            }

            // then
            List<HistoryItem> kept = items.stream().filter(i -> !forgotten.contains(i.userId())).toList();
            assertHolds(kept);
            forgotten.forEach(u -> assertEquals(0, store.count(u), () -> "count(" + u + ") after forgetting"));
            assertEquals(TestCorpora.users(kept), store.users());
        }
    }

    /** Thread-safety: concurrent writers lose nothing. */
    @Nested
    @DisplayName("thread-safety")
    class ConcurrencyTck {

        @Test
        @DisplayName("keeps every item added from several threads")
        void should_keep_concurrent_additions() {
            List<HistoryItem> items = TestCorpora.generated(7, Concurrently.THREADS * 2, 10);
            Concurrently.run(Concurrently.THREADS, thread -> {
                for (int i = thread; i < items.size(); i += Concurrently.THREADS) {
                    store.add(items.get(i));
                    store.count(items.get(i).userId());
                }
                return null;
            });
            assertHolds(items);
        }
    }

    /** Persistence: a store on disk keeps its state across reopening. */
    @Nested
    @DisplayName("persistence")
    class PersistenceTck {

        @BeforeEach
        void onlyForPersistentStores() {
            Assumptions.assumeTrue(persistent(), "the store is not persistent");
        }

        @Test
        @DisplayName("keeps every item after reopening")
        void should_keep_items_after_reopening() {
            store.addAll(corpus);
            reopen();
            assertHolds(corpus);
            assertEquals(TestCorpora.users(corpus), store.users());
        }

        @Test
        @DisplayName("keeps replacements and forgetting after reopening")
        void should_keep_changes_after_reopening() {
            store.addAll(corpus);
            HistoryItem old = TestCorpora.itemsOf(corpus, TestCorpora.DAVE).get(0);
            HistoryItem replacement = new HistoryItem(old.id(), old.userId(), "replaced", "replaced",
                    old.timestamp(), Map.of());
            store.add(replacement);
            store.forgetUser(TestCorpora.ALICE);
            store.compact();
            reopen();
            assertEquals(Optional.of(replacement), store.get(old.userId(), old.id()));
            assertEquals(0, store.count(TestCorpora.ALICE), "count of the forgotten user");
            assertEquals(6, store.count(TestCorpora.DAVE));
        }
    }

    /** Naming. */
    @Nested
    @DisplayName("naming")
    class NamingTck {

        @Test
        @DisplayName("has a valid name")
        void should_have_a_valid_name() {
            PluginNames.assertValid(store);
        }
    }
}

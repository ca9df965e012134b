package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
 * Base class for {@link HeadStore} compatibility tests: exact round trips, replacing, deleting, listing,
 * forgetting a user, isolation, module name checks, concurrent saves and, where the test can damage a stored
 * entry, detection of corruption.
 *
 * <p>To run a head store against this kit, make a test class that extends this and implement
 * {@link #newStore(Path)}. Override {@link #corrupt(Path, UserId, String)} to damage a stored entry, so the
 * kit can check that {@link HeadStore#load} then throws {@link CorruptDataException}; without it that check
 * is skipped. A store on disk returns true from {@link #persistent()}. A store that implements
 * {@link AutoCloseable} is closed after each test, and before a second store opens the same directory:
 * <pre>{@code
 * class FileHeadStoreCompatibilityTest extends HeadStoreCompatibilityKit {
 *     protected HeadStore newStore(Path dir) { return new FileHeadStore(dir); }
 *     protected boolean persistent() { return true; }
 *     protected void corrupt(Path dir, UserId user, String module) throws IOException {
 *         Path file = FileHeadStore.fileOf(dir, user, module);
 *         byte[] bytes = Files.readAllBytes(file);
 *         bytes[bytes.length / 2] ^= 0x5a;
 *         Files.write(file, bytes);
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class HeadStoreCompatibilityKit {

    private static final UserId ALICE = TestCorpora.ALICE;
    private static final UserId BOB = TestCorpora.BOB;
    private static final String RERANKER = HeadStore.RERANKER;
    private static final String ADAPTER = HeadStore.ADAPTER;

    private Path dir;
    private HeadStore store;

    /** Creates the kit; subclasses need no constructor. */
    protected HeadStoreCompatibilityKit() {}

    /**
     * Opens a store over a directory.
     *
     * @param dir the directory, empty in the first call of a test
     * @return the store
     */
    protected abstract HeadStore newStore(Path dir);

    /**
     * Damages the stored entry of a user and module (flip bytes, truncate, write a foreign header ...), so
     * that the kit can check the store detects it.
     *
     * @param dir the store's directory
     * @param user the user whose entry to damage; the entry exists
     * @param module the module
     * @throws IOException when the entry cannot be damaged
     */
    protected void corrupt(Path dir, UserId user, String module) throws IOException {
        Assumptions.abort("corrupt(dir, user, module) is not overridden: corruption is not tested");
    }

    /**
     * Whether the store keeps heads on disk: then the kit checks that a second store over the same directory
     * loads what the first saved.
     *
     * @return false by default
     */
    protected boolean persistent() {
        return false;
    }

    @BeforeEach
    void openStore(@TempDir Path tempDir) {
        dir = tempDir;
        store = newStore(dir);
        assertNotNull(store, "newStore(dir) returned null");
    }

    @AfterEach
    void closeStore() throws Exception {
        close(store);
    }

    /** Closes a store that holds resources (a head store may implement {@link AutoCloseable}). */
    private static void close(HeadStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * Parameters with a seeded mix of ordinary and edge values (subnormal, huge, negative zero).
     *
     * @param seed the seed
     * @param size how many values
     * @return the parameters
     */
    private static HeadParameters head(long seed, int size) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[] edges = {Float.MIN_VALUE, -Float.MAX_VALUE, -0.0f, 1e-30f, Float.MAX_VALUE};
        for (int i = 0; i < Math.min(size, edges.length); i++) {
            values[i * 3 % size] = edges[i];
        }
        return new HeadParameters("lowrank:h=16,r=" + seed, values);
    }

    private Optional<HeadParameters> load(UserId user, String module) {
        Optional<HeadParameters> loaded = store.load(user, module);
        assertNotNull(loaded, "load returned null");
        return loaded;
    }

    /** Round trips: what is saved loads back exactly. */
    @Nested
    @DisplayName("saving and loading")
    class RoundTripTck {

        @ParameterizedTest(name = "{0} values")
        @ValueSource(ints = {0, 1, 7, 4096})
        @DisplayName("loads exactly the parameters saved")
        void should_round_trip_exactly(int size) {
            HeadParameters head = head(size, size);
            store.save(ALICE, RERANKER, head);
            assertEquals(Optional.of(head), load(ALICE, RERANKER));
        }

        @Test
        @DisplayName("loads nothing for a user or module without a head")
        void should_load_empty_when_missing() {
            assertEquals(Optional.empty(), load(ALICE, RERANKER), "nothing saved yet");
            store.save(ALICE, RERANKER, head(1, 8));
            assertEquals(Optional.empty(), load(ALICE, ADAPTER), "another module");
            assertEquals(Optional.empty(), load(TestCorpora.NEWCOMER, RERANKER), "another user");
        }

        @Test
        @DisplayName("replaces an earlier head")
        void should_replace() {
            store.save(ALICE, ADAPTER, head(1, 8));
            HeadParameters second = head(2, 12);
            store.save(ALICE, ADAPTER, second);
            assertEquals(Optional.of(second), load(ALICE, ADAPTER));
            assertEquals(List.of(ALICE), store.users(ADAPTER));
        }

        @Test
        @DisplayName("deletes a head and says whether there was one")
        void should_delete() {
            store.save(ALICE, RERANKER, head(1, 8));
            store.save(ALICE, ADAPTER, head(2, 8));
            assertTrue(store.delete(ALICE, RERANKER), "delete of an existing head");
            assertEquals(Optional.empty(), load(ALICE, RERANKER));
            assertFalse(store.delete(ALICE, RERANKER), "second delete");
            assertEquals(Optional.of(head(2, 8)), load(ALICE, ADAPTER), "the other module's head");
        }

        @Test
        @DisplayName("lists the users of a module, sorted")
        void should_list_users_sorted() {
            List<UserId> users = List.of(UserId.of("zoe"), BOB, UserId.of("Alice"), ALICE, UserId.of("b0b"));
            for (UserId user : users) {
                store.save(user, RERANKER, head(user.value().length(), 4));
            }
            store.save(UserId.of("only-adapter"), ADAPTER, head(3, 4));
            assertEquals(users.stream().sorted().toList(), store.users(RERANKER));
            assertEquals(List.of(UserId.of("only-adapter")), store.users(ADAPTER));
            assertEquals(List.of(), store.users("unused-module"));
        }
    }

    /** Users: one user's heads never touch another's. */
    @Nested
    @DisplayName("isolation and forgetting")
    class UsersTck {

        @Test
        @DisplayName("keeps the heads of similar user ids apart")
        void should_keep_users_apart() {
            List<UserId> users = List.of(ALICE, UserId.of("Alice"), UserId.of("alice."), UserId.of("al:ice"),
                    UserId.of("alice-"), UserId.of("a".repeat(128)));
            for (int i = 0; i < users.size(); i++) {
                store.save(users.get(i), RERANKER, head(i, 5));
            }
            for (int i = 0; i < users.size(); i++) {
                assertEquals(Optional.of(head(i, 5)), load(users.get(i), RERANKER), "head of " + users.get(i));
            }
        }

        @Test
        @DisplayName("forgets every module of one user and only that user")
        void should_forget_only_that_user() {
            store.save(ALICE, RERANKER, head(1, 4));
            store.save(ALICE, ADAPTER, head(2, 4));
            store.save(BOB, RERANKER, head(3, 4));
            store.save(BOB, ADAPTER, head(4, 4));
            assertEquals(2, store.forgetUser(ALICE), "forgetUser result");
            assertEquals(Optional.empty(), load(ALICE, RERANKER));
            assertEquals(Optional.empty(), load(ALICE, ADAPTER));
            assertEquals(Optional.of(head(3, 4)), load(BOB, RERANKER));
            assertEquals(Optional.of(head(4, 4)), load(BOB, ADAPTER));
            assertEquals(List.of(BOB), store.users(RERANKER));
            assertEquals(List.of(BOB), store.users(ADAPTER));
            assertEquals(0, store.forgetUser(ALICE), "forgetting again");
        }

        @Test
        @DisplayName("keeps application ids apart (Unicode, spaces, slashes, traversals) and forgets one alone")
        void should_keep_application_ids_apart() {
            // given
            List<UserId> users = TestCorpora.APPLICATION_IDS;
            for (int i = 0; i < users.size(); i++) {
                store.save(users.get(i), RERANKER, head(i, 6));
            }

            // when
            int forgotten = store.forgetUser(UserId.of("user/42")) + store.forgetUser(UserId.of("../x"));

            // then
            assertEquals(2, forgotten, "forgetUser results");
            for (int i = 0; i < users.size(); i++) {
                String id = users.get(i).value();
                Optional<HeadParameters> expected = id.equals("user/42") || id.equals("../x")
                        ? Optional.empty() : Optional.of(head(i, 6));
                assertEquals(expected, load(users.get(i), RERANKER), "head of " + id);
            }
            assertEquals(Optional.of(head(0, 6)), load(UserId.of("Jose\u0301"), RERANKER), "NFC form of Jos\u00e9");
        }

        @Test
        @DisplayName("never makes a path of a raw id: no id, id part or traversal in a file name")
        void should_not_use_raw_ids_in_paths() throws IOException {
            // given
            for (UserId user : TestCorpora.APPLICATION_IDS) {
                store.save(user, RERANKER, head(1, 4));
            }

            // when
            List<Path> files;
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
                files = walk.map(dir::relativize).toList();
            }

            // then
            for (Path file : files) {
                for (Path name : file) {
                    String n = name.toString();
                    assertFalse(n.equals("user") || n.equals("42") || n.equals("..") || n.equals("x")
                            || n.contains("Jos") || n.contains(" ") || n.contains(":"),
                            () -> "a raw user id in the path " + file);
                }
            }
        }

        @Test
        @DisplayName("keeps the heads of several users saved concurrently")
        void should_keep_concurrent_saves() {
            int perThread = 10;
            Concurrently.run(Concurrently.THREADS, thread -> {
                for (int i = 0; i < perThread; i++) {
                    store.save(UserId.of("user-" + thread + "-" + i), RERANKER, head(thread * 100L + i, 32));
                }
                return null;
            });
            assertEquals(Concurrently.THREADS * perThread, store.users(RERANKER).size(), "users(reranker)");
            for (int t = 0; t < Concurrently.THREADS; t++) {
                for (int i = 0; i < perThread; i++) {
                    UserId user = UserId.of("user-" + t + "-" + i);
                    assertEquals(Optional.of(head(t * 100L + i, 32)), load(user, RERANKER), "head of " + user);
                }
            }
        }
    }

    /** Validation and damage. */
    @Nested
    @DisplayName("bad input and damaged entries")
    class ErrorsTck {

        @ParameterizedTest(name = "module \"{0}\"")
        @ValueSource(strings = {"", "Reranker", "../reranker", "a/b", "a b", "r\u00e9ranker", "x.y",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        @DisplayName("rejects an invalid module name with IllegalArgumentException")
        void should_reject_an_invalid_module(String module) {
            assertThrows(IllegalArgumentException.class, () -> store.save(ALICE, module, head(1, 4)), "save");
            assertThrows(IllegalArgumentException.class, () -> store.load(ALICE, module), "load");
            assertThrows(IllegalArgumentException.class, () -> store.delete(ALICE, module), "delete");
            assertThrows(IllegalArgumentException.class, () -> store.users(module), "users");
        }

        @Test
        @DisplayName("accepts module names of 64 characters of [a-z0-9_-]")
        void should_accept_valid_modules() {
            String module = "a_b-0".repeat(12) + "abcd";
            store.save(ALICE, module, head(1, 4));
            assertEquals(Optional.of(head(1, 4)), load(ALICE, module));
        }

        @Test
        @DisplayName("refuses a damaged entry with CorruptDataException naming it, and serves the others")
        void should_detect_a_damaged_entry() throws IOException {
            store.save(ALICE, RERANKER, head(1, 64));
            store.save(BOB, RERANKER, head(2, 64));
            corrupt(dir, ALICE, RERANKER);
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> store.load(ALICE, RERANKER),
                    "load of a damaged entry must throw, not return its contents");
            assertNotNull(e.location(), "location()");
            assertFalse(e.location().isBlank(), "location() is blank");
            assertTrue(e.getMessage().contains(e.location()), () -> "message does not name the location: "
                    + e.getMessage());
            assertEquals(Optional.of(head(2, 64)), load(BOB, RERANKER), "an undamaged entry");
        }
    }

    /** Persistence: a second store over the same directory sees the heads. */
    @Nested
    @DisplayName("persistence")
    class PersistenceTck {

        @Test
        @DisplayName("loads from a new store over the same directory what the first saved")
        void should_keep_heads_across_instances() throws Exception {
            Assumptions.assumeTrue(persistent(), "the store is not persistent");
            store.save(ALICE, RERANKER, head(1, 16));
            store.save(BOB, ADAPTER, head(2, 16));
            store.save(BOB, RERANKER, head(3, 16));
            store.forgetUser(BOB);
            store.save(BOB, RERANKER, head(4, 16));
            close(store);
            HeadStore second = newStore(dir);
            store = second;
            assertEquals(Optional.of(head(1, 16)), second.load(ALICE, RERANKER));
            assertEquals(Optional.of(head(4, 16)), second.load(BOB, RERANKER));
            assertEquals(Optional.empty(), second.load(BOB, ADAPTER));
            assertEquals(List.of(ALICE, BOB), second.users(RERANKER));
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

package dev.hydra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the PostgreSQL history store adds to the kit: shared revisions, dense search and its cache, failures. */
class PostgresHistoryStoreTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final FeatureHashingTextEncoder encoder = new FeatureHashingTextEncoder();
    private PostgresDatabase db;
    private PostgresHistoryStore store;

    @BeforeEach
    void open(TestInfo test) {
        db = PostgresDatabase.open(POSTGRES.jdbcUrl(),
                Schemas.of(java.nio.file.Path.of("history", test.getTestMethod().orElseThrow().getName())), 4);
        store = PostgresHistoryStore.open(db, Optional.of(encoder));
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    private static HistoryItem item(UserId user, String id, String input) {
        return HistoryItem.of(id, user, input, "out " + id);
    }

    @Test
    void should_share_revisions_between_instances_and_never_repeat_one_after_forgetting() {
        // given
        PostgresHistoryStore other = PostgresHistoryStore.open(db, Optional.of(encoder));
        store.add(item(ALICE, "1", "a first text"));
        long first = other.revision(ALICE).orElseThrow();

        // when
        store.add(item(ALICE, "2", "a second text"));
        long second = other.revision(ALICE).orElseThrow();
        store.forgetUser(ALICE);
        long forgotten = other.revision(ALICE).orElseThrow();
        store.add(item(ALICE, "1", "a first text"));
        long again = other.revision(ALICE).orElseThrow();

        // then
        assertNotEquals(first, second, "a write through one instance changes the revision the other reads");
        assertNotEquals(second, forgotten, "forgetting changes the revision");
        assertTrue(again != first && again != second && again != forgotten, "a revision repeated: " + again);
        assertEquals(List.of(item(ALICE, "1", "a first text")), other.list(ALICE), "the other instance sees the item");
    }

    @Test
    void should_find_the_nearest_items_and_refresh_the_cached_vectors_when_the_revision_changes() {
        // given
        store.addAll(
                List.of(item(ALICE, "1", "cats purr on warm windows"), item(ALICE, "2", "stock markets fell sharply"),
                        item(BOB, "1", "cats purr on warm windows")));
        float[] cats = encoder.encode(List.of("cats purr on warm windows"))[0];

        // when
        List<Scored<HistoryItem>> before = store.searchVector(ALICE, cats, 5);
        store.add(item(ALICE, "3", "cats purr on warm windows"));
        List<Scored<HistoryItem>> after = store.searchVector(ALICE, cats, 5);

        // then
        assertEquals(List.of("1", "2"), before.stream().map(s -> s.value().id()).toList(),
                "only alice's items, best first");
        assertEquals(1.0, before.get(0).score(), 1e-5, "cosine of the same text");
        assertEquals(List.of("1", "3", "2"), after.stream().map(s -> s.value().id()).toList(), "the new item is found");
        assertEquals(1, store.cachedUsers(), "alice's vectors are cached");
    }

    @Test
    void should_serve_a_repeated_search_from_the_cache_without_reading_the_vectors_again() {
        // given
        store.addAll(List.of(item(ALICE, "1", "one text"), item(ALICE, "2", "another text")));
        float[] query = encoder.encode(List.of("one text"))[0];
        List<Scored<HistoryItem>> first = store.searchVector(ALICE, query, 2);

        // when: the rows change behind the store's back, without a revision change
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE hydra_history_item SET vector = NULL");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        List<Scored<HistoryItem>> second = store.searchVector(ALICE, query, 2);

        // then: the revision is unchanged, so the cached vectors served it
        assertEquals(first, second);
    }

    @Test
    void should_not_cache_a_users_empty_search_so_that_their_first_items_are_found() {
        // given: a user without items searched
        float[] query = encoder.encode(List.of("one text"))[0];
        assertEquals(List.of(), store.searchVector(ALICE, query, 2));
        assertEquals(0, store.cachedUsers(), "an empty read is not cached");

        // when
        store.add(item(ALICE, "1", "one text"));

        // then
        assertEquals(List.of("1"), store.searchVector(ALICE, query, 2).stream().map(s -> s.value().id()).toList());
        assertEquals(1, store.cachedUsers(), "alice's vectors are cached with their revision");
    }

    @Test
    void should_store_nothing_when_an_encoder_fails_midway() {
        // given
        AtomicInteger calls = new AtomicInteger();
        TextEncoder failing = new TextEncoder() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public float[][] encode(List<String> texts) {
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("encoder down");
                }
                return encoder.encode(texts);
            }

            @Override
            public int dimension() {
                return encoder.dimension();
            }

            @Override
            public String id() {
                return encoder.id();
            }
        };
        PostgresHistoryStore failingStore = PostgresHistoryStore.open(db, Optional.of(failing));
        List<HistoryItem> items = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> item(ALICE, "i" + i, "text " + i)).toList();

        // when
        HydraException e = assertThrows(HydraException.class, () -> failingStore.addAll(items));

        // then
        assertTrue(e.getMessage().contains("nothing was stored"), e.getMessage());
        assertEquals(0, store.count(ALICE));
    }

    @Test
    void should_reject_a_nul_character_naming_the_item_and_store_nothing() {
        // given
        List<HistoryItem> items = List.of(item(ALICE, "fine", "fine"), item(ALICE, "bad", "a\0b"));

        // when
        HydraException e = assertThrows(HydraException.class, () -> store.addAll(items));

        // then
        assertTrue(e.getMessage().contains("item bad of user alice holds a NUL character in its input"),
                e.getMessage());
        assertEquals(0, store.count(ALICE));
    }

    @Test
    void should_give_no_stored_vector_of_a_replaced_item() {
        // given
        HistoryItem old = item(ALICE, "1", "the old text");
        store.add(old);
        HistoryItem replacement = item(ALICE, "1", "the new text");

        // when
        store.add(replacement);
        List<Optional<float[]>> vectors = store.storedVectors(List.of(old, replacement), encoder.id());

        // then
        assertEquals(Optional.empty(), vectors.get(0), "the old item's vector");
        assertEquals(List.of(encoder.encode(List.of("the new text"))[0].length),
                List.of(vectors.get(1).orElseThrow().length));
    }

    @Test
    void should_refuse_a_search_without_an_encoder_or_of_the_wrong_dimension() {
        // given
        PostgresHistoryStore plain = PostgresHistoryStore.open(db, Optional.empty());

        // when / then
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> plain.searchVector(ALICE, new float[3], 1));
        assertTrue(none.getMessage().contains("open it with an encoder"), none.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> store.searchVector(ALICE, new float[3], 1));
        assertTrue(wrong.getMessage().contains("3 values"), wrong.getMessage());
    }

    @Test
    void should_reject_a_url_that_is_not_postgres_and_a_bad_schema_naming_the_rule() {
        // when
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> PostgresDatabase.open("jdbc:mysql://h/db?password=secret"));
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class,
                () -> PostgresDatabase.open(POSTGRES.jdbcUrl(), "Bad-Schema", 4));

        // then
        assertTrue(url.getMessage().contains("starts with jdbc:postgresql://"), url.getMessage());
        assertTrue(!url.getMessage().contains("secret"), "the password is shown: " + url.getMessage());
        assertTrue(schema.getMessage().contains(PostgresDatabase.SCHEMA_RULE), schema.getMessage());
    }

    @Test
    void should_fail_clearly_when_the_server_cannot_be_reached() {
        // when
        HydraException e = assertThrows(HydraException.class,
                () -> PostgresDatabase
                        .open("jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret&connectTimeout=2", "s", 2));

        // then
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "the password is shown: " + e.getMessage());
        assertSame(HydraException.class, e.getClass());
    }
}

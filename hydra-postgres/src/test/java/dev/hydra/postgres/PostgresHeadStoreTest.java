package dev.hydra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the PostgreSQL head store adds to the kit: a cache that another instance's changes invalidate. */
class PostgresHeadStoreTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static final UserId ALICE = UserId.of("alice");

    private PostgresDatabase db;
    private PostgresHeadStore one;
    private PostgresHeadStore two;

    @BeforeEach
    void open(TestInfo test) {
        db = PostgresDatabase.open(POSTGRES.jdbcUrl(),
                Schemas.of(Path.of("heads", test.getTestMethod().orElseThrow().getName())), 6);
        one = PostgresHeadStore.open(db);
        two = PostgresHeadStore.open(db);
        awaitTrue(() -> one.listening() && two.listening(), "both stores listening");
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
        db.close();
    }

    /** Waits, up to 30 s, for what another connection delivers asynchronously; fails when it never comes. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void sql(String statement) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void should_serve_a_cached_head_until_another_instance_saves_one() {
        // given: two has alice's head cached
        one.save(ALICE, HeadStore.RERANKER, new HeadParameters("k", new float[] {1, 2}));
        assertEquals(Optional.of(new HeadParameters("k", new float[] {1, 2})), two.load(ALICE, HeadStore.RERANKER));
        HeadParameters saved = new HeadParameters("k", new float[] {3, 4});

        // when
        one.save(ALICE, HeadStore.RERANKER, saved);

        // then
        awaitTrue(() -> two.load(ALICE, HeadStore.RERANKER).equals(Optional.of(saved)), "two loads one's save");
        assertEquals(Optional.of(saved), one.load(ALICE, HeadStore.RERANKER));
    }

    @Test
    void should_load_another_instances_save_at_once_after_awaiting_the_changes() {
        // given: two has alice's head cached, then one saves another
        one.save(ALICE, HeadStore.RERANKER, new HeadParameters("k", new float[] {1, 2}));
        assertEquals(Optional.of(new HeadParameters("k", new float[] {1, 2})), two.load(ALICE, HeadStore.RERANKER));
        HeadParameters saved = new HeadParameters("k", new float[] {5, 6});
        one.save(ALICE, HeadStore.RERANKER, saved);

        // when
        boolean heard = two.awaitChanges(Duration.ofMinutes(1));

        // then: the very next load is one's save, not the cached head
        assertTrue(heard, "two heard its token back");
        assertEquals(Optional.of(saved), two.load(ALICE, HeadStore.RERANKER));
        assertTrue(one.awaitChanges(Duration.ofMinutes(1)), "one store's own tokens come back to it too");
    }

    @Test
    void should_drop_a_cached_head_when_another_instance_forgets_the_user() {
        // given
        one.save(ALICE, HeadStore.ADAPTER, new HeadParameters("k", new float[] {1}));
        assertTrue(two.load(ALICE, HeadStore.ADAPTER).isPresent());

        // when
        assertEquals(1, one.forgetUser(ALICE));

        // then
        awaitTrue(() -> two.load(ALICE, HeadStore.ADAPTER).isEmpty(), "two forgets alice's cached head");
    }

    @Test
    void should_serve_from_the_cache_without_reading_the_row() {
        // given
        one.save(ALICE, HeadStore.RERANKER, new HeadParameters("k", new float[] {5, 6}));
        Optional<HeadParameters> first = one.load(ALICE, HeadStore.RERANKER);

        // when: the row is damaged without an announcement; a cached head is served, not the damaged row
        sql("UPDATE hydra_head SET head = set_byte(head, 0, get_byte(head, 0) # 90)");

        // then
        assertEquals(first, one.load(ALICE, HeadStore.RERANKER), "served from the cache");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> two.load(ALICE, HeadStore.RERANKER),
                "a store without the head cached reads the damaged row");
        assertTrue(e.getMessage().contains("hydra_head[user_id=alice, module=reranker]"), e.getMessage());
    }

    @Test
    void should_refuse_a_row_moved_to_another_user() {
        // given
        one.save(ALICE, HeadStore.RERANKER, new HeadParameters("k", new float[] {1, 2, 3}));

        // when
        sql("UPDATE hydra_head SET user_id = 'mallory'");

        // then
        assertThrows(CorruptDataException.class, () -> two.load(UserId.of("mallory"), HeadStore.RERANKER));
    }
}

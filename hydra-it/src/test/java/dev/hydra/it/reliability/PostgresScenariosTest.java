package dev.hydra.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.postgres.TemporaryPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hydra check reliability --store jdbc:postgresql://...} at the build's small sizes: the isolation, erasure,
 * crash and bad-input scenarios with users' state in a throwaway PostgreSQL server, and the whole check's JSON.
 */
class PostgresScenariosTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static final long SEED = Long.getLong("tests.seed", 42L);
    private static final Sizes SIZES = Sizes.SMALL;

    @TempDir
    Path home;

    private final PrintWriter log = new PrintWriter(new StringWriter());

    private ScenarioStore postgres() {
        return ScenarioStore.of(POSTGRES.jdbcUrl());
    }

    @Test
    void should_never_show_a_user_another_users_items_under_load() throws Exception {
        // when
        Map<String, Object> r = IsolationScenario.run(home, postgres(), SIZES, SEED, log);
        // then
        assertEquals(0L, r.get("cross_user_leaks"), r::toString);
        assertEquals(0L, r.get("errors"), r::toString);
        assertEquals((long) SIZES.calls(), r.get("requests_with_own_canaries"), "the check sees own canaries");
        assertTrue((Long) r.get("concurrent_item_writes") > 0, r::toString);
    }

    @Test
    void should_leave_no_live_or_dead_row_of_forgotten_users_and_keep_the_others() throws Exception {
        // when
        Map<String, Object> r = ErasureScenario.run(home, postgres(), SIZES, SEED, log);
        // then: the scan sees everything before, nothing after, in files and in every row version and index item
        assertEquals(true, r.get("database_dead_rows_read"), "pg_dirtyread (" + DatabaseScan.PACKAGE
                + ") reads dead rows: " + r);
        assertEquals(r.get("canaries_of_forgotten"), r.get("canaries_visible_before"), r::toString);
        assertEquals(r.get("vectors_of_forgotten"), r.get("vectors_visible_before"), r::toString);
        assertTrue((Long) r.get("database_index_items_of_forgotten_before") > 0, r::toString);
        assertEquals(0, r.get("canaries_visible_after"), r::toString);
        assertEquals(0, r.get("database_canaries_after"), r::toString);
        assertEquals(0, r.get("vectors_visible_after"), r::toString);
        assertEquals(0L, r.get("database_index_items_of_forgotten_after"), r::toString);
        assertEquals(0, r.get("forget_residue"), r::toString);
        assertEquals(r.get("kept_canaries"), r.get("kept_canaries_on_disk"), r::toString);
        assertEquals(0, r.get("kept_items_missing"), r::toString);
        assertEquals(0, r.get("kept_heads_missing"), r::toString);
        Map<?, ?> unlearning = (Map<?, ?>) r.get("unlearning");
        assertEquals(0L, unlearning.get("llm_calls"), r::toString);
        assertEquals(0, unlearning.get("models_still_holding"), r::toString);
    }

    @Test
    void should_recover_every_acknowledged_write_after_kill_9() throws Exception {
        // when
        Map<String, Object> r = CrashScenario.run(home, postgres(), SIZES, SEED, log);
        // then
        assertEquals(0L, r.get("lost_acknowledged"), r::toString);
        assertEquals(r.get("crash_trials"), r.get("recovered"), r::toString);
        assertEquals("2 of 2", ((Map<?, ?>) r.get("heads")).get("damaged_heads_detected"), r::toString);
        assertTrue((Long) ((Map<?, ?>) r.get("ingest")).get("acknowledged") > 0, r::toString);
    }

    @Test
    void should_reject_malformed_input_and_damaged_rows_with_documented_errors_only() throws Exception {
        // when
        Map<String, Object> r = BadInputScenario.run(home, postgres(), SIZES, SEED, log);
        // then
        assertTrue((Long) r.get("bad_inputs") >= SIZES.badInputs(), r::toString);
        assertEquals(0L, r.get("uncaught"), r::toString);
        Map<?, ?> targets = (Map<?, ?>) r.get("targets");
        assertTrue(targets.containsKey("head_row") && targets.containsKey("llm_cache_row"), r::toString);
        assertTrue((Long) ((Map<?, ?>) targets.get("head_row")).get("rejected_clearly") > 0, r::toString);
    }

    @Test
    void should_name_the_store_it_ran_on_and_refuse_another_kind_of_store() {
        // when
        Throwable e = assertThrows(IllegalArgumentException.class, () -> ScenarioStore.of("/tmp/history"));
        // then
        assertTrue(e.getMessage().contains("\"/tmp/history\"") && e.getMessage().contains("jdbc:postgresql://"),
                e::getMessage);
        assertEquals("postgres", postgres().name());
        assertEquals("lucene", ScenarioStore.of("lucene").name());
    }
}

package dev.hydra.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.postgres.TemporaryPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances, one database (issue 20): two JVMs over one throwaway PostgreSQL, one of them killed with SIGKILL
 * while it writes. Every figure checked is an invariant of what the instances acknowledged and what the database
 * holds afterwards; none depends on timing.
 */
class TwoInstancesTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static final long SEED = Long.getLong("tests.seed", 42L);

    @TempDir
    Path home;

    @Test
    void should_share_users_heads_and_survive_the_kill_of_one_instance() throws Exception {
        // when
        Map<String, Object> r = TwoInstancesScenario.run(home, POSTGRES.jdbcUrl(), Sizes.SMALL, SEED,
                new PrintWriter(new StringWriter()));

        // then: nothing acknowledged is lost, nothing is half there, nothing is another user's
        assertEquals(0L, r.get("lost_acknowledged"), r::toString);
        assertEquals(0L, r.get("partial_batches"), r::toString);
        assertEquals(0L, r.get("foreign_items"), r::toString);
        assertEquals(0, r.get("cross_user_leaks"), r::toString);
        assertEquals(0L, r.get("revision_mismatches"), r::toString);
        // every head read equals the other instance's last save
        assertEquals(0L, r.get("head_reads_stale"), r::toString);
        assertEquals(2L * Sizes.SMALL.crashTrials() * 5 + 1, r.get("head_reads_checked"), r::toString);
        // the survivor went on acknowledging after the kill, and the check saw the writes it checks
        assertTrue((Integer) r.get("acknowledged_after_kill") >= 20, r::toString);
        Map<?, ?> acked = (Map<?, ?>) r.get("acknowledged_batches");
        assertTrue((Integer) acked.get("a") >= 10 && (Integer) acked.get("b") >= 25, r::toString);
        assertTrue((Long) r.get("items_in_database") > 0, r::toString);
        assertEquals(List.of(), r.get("problems"), r::toString);
    }
}

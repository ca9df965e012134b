package dev.hydra.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.core.pipeline.Hydra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five scenarios of {@code hydra check reliability} at the build's small sizes. */
class ReliabilityScenariosTest {

    private static final long SEED = Long.getLong("tests.seed", 42L);
    private static final Sizes SIZES = Sizes.SMALL;

    @TempDir
    Path home;

    private final PrintWriter log = new PrintWriter(new StringWriter());

    @Test
    void should_never_show_a_user_another_users_items_under_load() throws Exception {
        // when
        Map<String, Object> r = IsolationScenario.run(home, ScenarioStore.LUCENE, SIZES, SEED, log);
        // then
        assertEquals(0L, r.get("cross_user_leaks"), r::toString);
        assertEquals(0L, r.get("errors"), r::toString);
        assertEquals((long) SIZES.calls(), r.get("requests_with_own_canaries"),
                "the check sees the user's own canaries");
    }

    @Test
    void should_leave_no_byte_of_forgotten_users_and_keep_the_others() throws Exception {
        // when
        Map<String, Object> r = ErasureScenario.run(home, ScenarioStore.LUCENE, SIZES, SEED, log);
        // then
        assertEquals(r.get("canaries_of_forgotten"), r.get("canaries_visible_before"),
                "the scan finds every canary before erasure: " + r);
        assertEquals(r.get("vectors_of_forgotten"), r.get("vectors_visible_before"),
                "the scan finds every vector before erasure: " + r);
        assertEquals(0, r.get("canaries_visible_after"), r::toString);
        assertEquals(0, r.get("vectors_visible_after"), r::toString);
        assertEquals(0, r.get("forget_residue"), r::toString);
        assertEquals(r.get("kept_canaries"), r.get("kept_canaries_on_disk"), r::toString);
        assertEquals(0, r.get("kept_items_missing"), r::toString);
        assertEquals(0, r.get("kept_heads_missing"), r::toString);
        assertEquals(true, r.get("trained_model_loads_after"), r::toString);
        Map<?, ?> unlearning = (Map<?, ?>) r.get("unlearning");
        assertTrue((Integer) unlearning.get("models_holding_before_retrain") > 0, "the trained model held them: " + r);
        assertEquals(unlearning.get("models_holding_before_retrain"), unlearning.get("retrained_models"), r::toString);
        assertTrue((Integer) unlearning.get("retrained_rows") > 0, r::toString);
        assertEquals(0L, unlearning.get("forgotten_in_retrained_training_users"), r::toString);
        assertEquals(0L, unlearning.get("llm_calls"), r::toString);
        assertEquals(0, unlearning.get("models_still_holding"), r::toString);
    }

    @Test
    void should_recover_every_acknowledged_write_after_kill_9() throws Exception {
        // when
        Map<String, Object> r = CrashScenario.run(home, ScenarioStore.LUCENE, SIZES, SEED, log);
        // then
        assertEquals(0L, r.get("lost_acknowledged"), r::toString);
        assertEquals(r.get("crash_trials"), r.get("recovered"), r::toString);
        assertEquals("2 of 2", ((Map<?, ?>) r.get("heads")).get("damaged_heads_detected"), r::toString);
    }

    @Test
    void should_answer_or_fail_clearly_when_the_black_box_is_flaky() throws Exception {
        // when
        Map<String, Object> r = FaultScenario.run(home, SIZES, SEED, log);
        // then
        assertEquals(0L, r.get("lost_requests"), r::toString);
        assertTrue((Long) r.get("degraded_answers") > 0, r::toString);
    }

    @Test
    void should_meet_hostile_sizes_and_floods_with_a_limit_and_a_clear_error() throws Exception {
        // when
        Map<String, Object> r = LimitsScenario.run(home, SEED, log);
        // then
        assertEquals(0, r.get("out_of_memory"), r::toString);
        assertEquals(0, r.get("hung"), r::toString);
        assertEquals(0, r.get("unclear_errors"), r::toString);
        Map<?, ?> flood = (Map<?, ?>) r.get("flood");
        assertEquals(Hydra.DEFAULT_MAX_IN_FLIGHT_PER_USER, flood.get("answered"), r::toString);
        assertEquals(true, flood.get("refused_before_release"), r::toString);
        assertTrue(((String) r.get("one_mb_query")).startsWith("refused"), r::toString);
        assertTrue(((String) r.get("nested_json")).startsWith("refused"), r::toString);
    }

    @Test
    void should_reject_malformed_input_with_documented_errors_only() throws Exception {
        // when
        Map<String, Object> r = BadInputScenario.run(home, ScenarioStore.LUCENE, SIZES, SEED, log);
        // then
        assertTrue((Long) r.get("bad_inputs") >= SIZES.badInputs(), r::toString);
        assertEquals(0L, r.get("uncaught"), r::toString);
    }
}

package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Base class for {@link Adapter} compatibility tests: one finite score per candidate, in the order given,
 * for any user, from any thread, and {@code score}, which checks the arguments and the result, left to the SPI
 * ({@code doScore} implemented instead).
 *
 * <p>To run an adapter against this kit, make a test class that extends this and implement
 * {@link #adapter()}:
 * <pre>{@code
 * class LearnedAdapterCompatibilityTest extends AdapterCompatibilityKit {
 *     protected Adapter adapter() { return LearnedAdapter.load(MODEL_DIR, new InMemoryHeadStore()); }
 * }
 * }</pre>
 * The candidates come in an order that is neither by sample index nor by any plausible score, and include
 * two of the same text, so an adapter that sorts, deduplicates or drops candidates fails.
 *
 * @since 0.1
 */
public abstract class AdapterCompatibilityKit {

    private static final String TASK = "kit";
    private static final Query QUERY = new Query(TestCorpora.BOB,
            "Write a headline: Tubeless tyres resist punctures on gravel roads.", TASK);
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("Why tubeless tyres win on gravel", 3),
            new Candidate("Gravel", 0),
            new Candidate("", 5),
            new Candidate("A very long headline about tyres, punctures, gravel roads and the pressure that gives"
                    + " the best grip on a wet autumn morning", 1),
            new Candidate("Why tubeless tyres win on gravel", 4),
            new Candidate("Tubeless on gravel: fewer punctures", 2));

    private Adapter adapter;

    /** Creates the kit; subclasses need no constructor. */
    protected AdapterCompatibilityKit() {}

    /**
     * The adapter under test.
     *
     * @return the adapter
     */
    protected abstract Adapter adapter();

    @BeforeEach
    void createAdapter() {
        adapter = adapter();
        assertNotNull(adapter, "adapter() returned null");
    }

    private List<Scored<Candidate>> score(Query query, List<Candidate> candidates) {
        List<Scored<Candidate>> result = adapter.score(query, candidates);
        assertNotNull(result, "score returned null");
        return result;
    }

    private static void assertOneScoreEach(List<Candidate> candidates, List<Scored<Candidate>> result) {
        assertEquals(candidates.size(), result.size(), "one score per candidate");
        for (int i = 0; i < candidates.size(); i++) {
            int at = i;
            assertEquals(candidates.get(i), result.get(i).value(), () -> "candidate at position " + at
                    + " (scores must come in the order given)");
            assertTrue(Double.isFinite(result.get(i).score()), () -> "score at " + at);
        }
    }

    /** Scoring: one finite score per candidate, in order. */
    @Nested
    @DisplayName("scoring")
    class ScoringTck {

        @Test
        @DisplayName("scores every candidate once, in the order given")
        void should_score_every_candidate_in_order() {
            assertOneScoreEach(CANDIDATES, score(QUERY, CANDIDATES));
        }

        @Test
        @DisplayName("scores a single candidate")
        void should_score_one_candidate() {
            List<Candidate> one = List.of(new Candidate("Disc brakes in the rain", 0));
            assertOneScoreEach(one, score(QUERY, one));
        }

        @Test
        @DisplayName("returns an empty list for no candidates")
        void should_return_nothing_for_no_candidates() {
            assertEquals(List.of(), score(QUERY, List.of()));
        }

        @Test
        @DisplayName("gives the same candidate the same score wherever it stands")
        void should_not_depend_on_the_position() {
            List<Scored<Candidate>> forward = score(QUERY, CANDIDATES);
            List<Candidate> reversed = new ArrayList<>(CANDIDATES);
            java.util.Collections.reverse(reversed);
            List<Scored<Candidate>> backward = score(QUERY, reversed);
            assertOneScoreEach(reversed, backward);
            for (int i = 0; i < CANDIDATES.size(); i++) {
                int at = i;
                assertEquals(forward.get(i).score(), backward.get(CANDIDATES.size() - 1 - i).score(), 1e-4,
                        () -> "score of " + CANDIDATES.get(at) + " changed with its position");
            }
        }
    }

    /** Serving: any user, any thread. */
    @Nested
    @DisplayName("serving")
    class ServingTck {

        @Test
        @DisplayName("serves a user it has never seen")
        void should_serve_an_unknown_user() {
            UserId stranger = UserId.of("never-seen-before-" + Long.toHexString(System.nanoTime()));
            Query query = new Query(stranger, QUERY.text(), TASK);
            assertOneScoreEach(CANDIDATES, score(query, CANDIDATES));
        }

        @Test
        @DisplayName("gives the same scores from several threads as from one")
        void should_give_the_same_scores_concurrently() {
            List<Scored<Candidate>> expected = score(QUERY, CANDIDATES);
            List<List<Scored<Candidate>>> perThread = Concurrently.run(Concurrently.THREADS, thread -> {
                List<Scored<Candidate>> last = null;
                for (int r = 0; r < 5; r++) {
                    last = adapter.score(QUERY, CANDIDATES);
                }
                return last;
            });
            for (List<Scored<Candidate>> result : perThread) {
                assertEquals(expected, result, "concurrent scores");
            }
        }

        @Test
        @DisplayName("has a valid name")
        void should_have_a_valid_name() {
            PluginNames.assertValid(adapter);
        }

        @Test
        @DisplayName("implements doScore and leaves score, which checks its arguments and result, to the SPI")
        void should_leave_the_checks_to_the_spi() {
            CheckedEntryPoints.assertLeftToTheSpi(adapter, Adapter.class, "score", Query.class, List.class);
        }
    }
}

package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.testkit.AdapterCompatibilityKit;
import dev.hydra.testkit.TestCorpora;
import dev.hydra.testkit.reference.ReferenceLengthAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The adapter kit fails each broken adapter on the check that its defect breaks. */
class BrokenAdaptersTest {

    private static final Adapter REFERENCE = new ReferenceLengthAdapter();

    @Test
    void should_catch_an_adapter_that_sorts_its_output_by_score() {
        // Adapter.score refuses every result out of the candidates' order
        assertKitCatches(SortsByScoreTestCase.class, "should_score_every_candidate_in_order",
                "should_not_depend_on_the_position", "should_serve_an_unknown_user",
                "should_give_the_same_scores_concurrently");
    }

    @Test
    void should_catch_an_adapter_that_drops_duplicate_candidates() {
        // Adapter.score refuses every result without one score per candidate
        assertKitCatches(DropsDuplicatesTestCase.class, "should_score_every_candidate_in_order",
                "should_not_depend_on_the_position", "should_serve_an_unknown_user",
                "should_give_the_same_scores_concurrently");
    }

    @Test
    void should_catch_an_adapter_that_refuses_unknown_users() {
        assertKitCatches(RefusesUnknownUsersTestCase.class, "should_serve_an_unknown_user");
    }

    @Test
    void should_catch_an_adapter_whose_scores_depend_on_the_position() {
        assertKitCatches(PositionalTestCase.class, "should_not_depend_on_the_position");
    }

    @Test
    void should_catch_an_adapter_that_skips_the_spis_checks_and_fails_on_no_candidates() {
        assertKitCatches(FailsOnEmptyTestCase.class, "should_return_nothing_for_no_candidates",
                "should_leave_the_checks_to_the_spi");
    }

    static Adapter adapter(BiFunction<Query, List<Candidate>, List<Scored<Candidate>>> score) {
        return new Adapter() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                return score.apply(query, candidates);
            }
        };
    }

    /**
     * An adapter from a function applied, as a plugin built against 0.1 does, in an override of {@code score} that
     * skips the SPI's checks.
     */
    static Adapter overridingScore(BiFunction<Query, List<Candidate>, List<Scored<Candidate>>> score) {
        return new Adapter() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Scored<Candidate>> score(Query query, List<Candidate> candidates) {
                return score.apply(query, candidates);
            }

            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                return score(query, candidates);
            }
        };
    }

    @SelfTestOnly
    static class SortsByScoreTestCase extends AdapterCompatibilityKit {
        @Override
        protected Adapter adapter() {
            return BrokenAdaptersTest
                    .adapter((q, c) -> REFERENCE.score(q, c).stream().sorted(Scored.bestFirst()).toList());
        }
    }

    @SelfTestOnly
    static class DropsDuplicatesTestCase extends AdapterCompatibilityKit {
        @Override
        protected Adapter adapter() {
            return BrokenAdaptersTest.adapter((q, c) -> {
                List<String> seen = new ArrayList<>();
                List<Candidate> distinct = new ArrayList<>();
                for (Candidate candidate : c) {
                    if (!seen.contains(candidate.text())) {
                        seen.add(candidate.text());
                        distinct.add(candidate);
                    }
                }
                return REFERENCE.score(q, distinct);
            });
        }
    }

    @SelfTestOnly
    static class RefusesUnknownUsersTestCase extends AdapterCompatibilityKit {
        @Override
        protected Adapter adapter() {
            return BrokenAdaptersTest.adapter((q, c) -> {
                if (!TestCorpora.users(TestCorpora.small()).contains(q.userId())) {
                    throw new IllegalStateException("no head for " + q.userId());
                }
                return REFERENCE.score(q, c);
            });
        }
    }

    @SelfTestOnly
    static class PositionalTestCase extends AdapterCompatibilityKit {
        @Override
        protected Adapter adapter() {
            return BrokenAdaptersTest.adapter((q, c) -> {
                List<Scored<Candidate>> scored = new ArrayList<>();
                for (int i = 0; i < c.size(); i++) {
                    scored.add(new Scored<>(c.get(i), c.get(i).text().length() - i));
                }
                return scored;
            });
        }
    }

    @SelfTestOnly
    static class FailsOnEmptyTestCase extends AdapterCompatibilityKit {
        @Override
        protected Adapter adapter() {
            return BrokenAdaptersTest.overridingScore((q, c) -> {
                if (c.isEmpty()) {
                    throw new IndexOutOfBoundsException("no candidate");
                }
                return REFERENCE.score(q, c);
            });
        }
    }
}

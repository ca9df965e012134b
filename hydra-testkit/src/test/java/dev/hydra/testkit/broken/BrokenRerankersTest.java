package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import dev.hydra.testkit.RerankerCompatibilityKit;
import dev.hydra.testkit.TestCorpora;
import dev.hydra.testkit.reference.ReferencePassThroughReranker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reranker kit fails each broken reranker on the check that its defect breaks. */
class BrokenRerankersTest {

    @Test
    void should_catch_a_reranker_that_ignores_k() {
        // Reranker.rerank refuses every result over k; k = 0 and k < 0 it answers itself, before the reranker sees them
        assertKitCatches(IgnoresKTestCase.class, "should_keep_a_sorted_subset_of_at_most_k",
                "should_serve_an_unknown_user", "should_not_modify_the_candidates",
                "should_give_the_same_results_concurrently", "should_rerank_the_same_when_prepared");
    }

    @Test
    void should_catch_a_reranker_that_invents_items() {
        // Reranker.rerank refuses every result holding an item that was not a candidate
        assertKitCatches(InventsItemsTestCase.class, "should_keep_a_sorted_subset_of_at_most_k",
                "should_serve_an_unknown_user", "should_not_modify_the_candidates",
                "should_give_the_same_results_concurrently", "should_rerank_the_same_when_prepared");
    }

    @Test
    void should_catch_a_reranker_that_returns_worst_first() {
        assertKitCatches(WorstFirstTestCase.class, "should_keep_a_sorted_subset_of_at_most_k",
                "should_serve_an_unknown_user");
    }

    @Test
    void should_catch_a_reranker_that_keeps_an_item_twice() {
        assertKitCatches(DuplicatesTestCase.class, "should_keep_a_sorted_subset_of_at_most_k",
                "should_serve_an_unknown_user");
    }

    @Test
    void should_catch_a_reranker_that_refuses_unknown_users() {
        assertKitCatches(RefusesUnknownUsersTestCase.class, "should_serve_an_unknown_user");
    }

    @Test
    void should_catch_a_reranker_that_serves_unknown_users_nothing() {
        assertKitCatches(NothingForUnknownUsersTestCase.class, "should_serve_an_unknown_user");
    }

    @Test
    void should_catch_a_reranker_that_skips_the_spis_checks_and_accepts_a_negative_k() {
        assertKitCatches(AcceptsNegativeKTestCase.class, "should_reject_a_negative_k",
                "should_leave_the_checks_to_the_spi");
    }

    @Test
    void should_catch_a_reranker_that_skips_the_spis_copy_and_sorts_its_input_in_place() {
        assertKitCatches(SortsInPlaceTestCase.class, "should_not_modify_the_candidates",
                "should_leave_the_checks_to_the_spi");
    }

    /** A reranker from a function, named "broken". */
    @FunctionalInterface
    interface Rerank {
        List<Scored<HistoryItem>> rerank(Query query, List<Scored<HistoryItem>> candidates, int k);
    }

    static Reranker reranker(Rerank rerank) {
        return new Reranker() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
                return rerank.rerank(query, candidates, k);
            }
        };
    }

    /**
     * A reranker from a function applied, as a plugin built against 0.1 does, in an override of {@code rerank} that
     * skips the SPI's checks and copy.
     */
    static Reranker overridingRerank(Rerank rerank) {
        return new Reranker() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Scored<HistoryItem>> rerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
                return rerank.rerank(query, candidates, k);
            }

            @Override
            public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
                return rerank(query, candidates, k);
            }
        };
    }

    private static final Reranker REFERENCE = new ReferencePassThroughReranker();

    private static boolean known(UserId user) {
        return TestCorpora.users(TestCorpora.small()).contains(user);
    }

    @SelfTestOnly
    static class IgnoresKTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.reranker((q, c, k) -> REFERENCE.rerank(q, c, Math.max(k, 0) + 2));
        }
    }

    @SelfTestOnly
    static class InventsItemsTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.reranker((q, c, k) -> {
                List<Scored<HistoryItem>> kept = new ArrayList<>(REFERENCE.rerank(q, c, k));
                if (!kept.isEmpty()) {
                    HistoryItem first = kept.get(0).value();
                    kept.set(0, new Scored<>(HistoryItem.of("invented", first.userId(), "made up", "made up"),
                            kept.get(0).score()));
                }
                return kept;
            });
        }
    }

    @SelfTestOnly
    static class WorstFirstTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.reranker((q, c, k) -> {
                List<Scored<HistoryItem>> kept = new ArrayList<>(REFERENCE.rerank(q, c, k));
                kept.sort(Comparator.comparingDouble(Scored::score));
                return kept;
            });
        }
    }

    @SelfTestOnly
    static class DuplicatesTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.reranker((q, c, k) -> {
                List<Scored<HistoryItem>> kept = new ArrayList<>(REFERENCE.rerank(q, c, k));
                if (kept.size() >= 2) {
                    kept.set(kept.size() - 1, new Scored<>(kept.get(0).value(), kept.get(kept.size() - 1).score()));
                }
                return kept;
            });
        }
    }

    @SelfTestOnly
    static class RefusesUnknownUsersTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.reranker((q, c, k) -> {
                if (!known(q.userId())) {
                    throw new IllegalStateException("no head for " + q.userId());
                }
                return REFERENCE.rerank(q, c, k);
            });
        }
    }

    @SelfTestOnly
    static class NothingForUnknownUsersTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.reranker((q, c, k) -> known(q.userId()) ? REFERENCE.rerank(q, c, k) : List.of());
        }
    }

    @SelfTestOnly
    static class AcceptsNegativeKTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.overridingRerank((q, c, k) -> REFERENCE.rerank(q, c, Math.max(k, 0)));
        }
    }

    @SelfTestOnly
    static class SortsInPlaceTestCase extends RerankerCompatibilityKit {
        @Override
        protected Reranker reranker() {
            return BrokenRerankersTest.overridingRerank((q, c, k) -> {
                List<Scored<HistoryItem>> result = REFERENCE.rerank(q, c, k);
                try {
                    c.sort(Comparator.comparingDouble(Scored::score));
                } catch (UnsupportedOperationException immutable) {
                    // the kit mostly passes immutable lists; only a mutable one shows the defect
                }
                return result;
            });
        }
    }
}

package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.testkit.RetrieverCompatibilityKit;
import dev.hydra.testkit.reference.ReferenceKeywordOverlapRetrieverProvider;
import dev.hydra.testkit.reference.ReferenceRecencyRetrieverProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retriever kit fails each broken retriever on the check that its defect breaks. */
class BrokenRetrieversTest {

    @Test
    void should_catch_a_retriever_that_leaks_other_users_items() {
        assertKitCatches(LeaksOtherUsersTestCase.class, "should_return_only_the_query_users_items",
                "should_return_nothing_for_a_user_without_items", "should_not_return_an_item_twice");
    }

    @Test
    void should_catch_a_retriever_that_ignores_m() {
        // Retriever.retrieve refuses its result wherever m is below the user's items; m = 0 and m < 0 it answers
        // itself, before the retriever sees them
        assertKitCatches(IgnoresMTestCase.class, "should_return_at_most_m_items",
                "should_rank_an_item_first_when_the_query_is_its_text", "should_give_the_same_results_concurrently");
    }

    @Test
    void should_catch_a_retriever_that_returns_worst_first() {
        assertKitCatches(WorstFirstTestCase.class, "should_sort_by_descending_score",
                "should_rank_an_item_first_when_the_query_is_its_text");
    }

    @Test
    void should_catch_a_retriever_that_returns_an_item_twice() {
        assertKitCatches(DuplicatesTestCase.class, "should_not_return_an_item_twice");
    }

    @Test
    void should_catch_a_retriever_that_skips_the_spis_checks_and_accepts_a_negative_m() {
        assertKitCatches(AcceptsNegativeMTestCase.class, "should_reject_a_negative_m",
                "should_leave_the_checks_to_the_spi");
    }

    @Test
    void should_catch_a_retriever_that_claims_relevance_but_ranks_by_time() {
        assertKitCatches(IgnoresTextTestCase.class, "should_rank_an_item_first_when_the_query_is_its_text");
    }

    @Test
    void should_catch_a_retriever_that_alters_items() {
        assertKitCatches(AltersItemsTestCase.class, "should_return_the_stored_items");
    }

    @Test
    void should_catch_a_retriever_named_unlike_its_provider() {
        assertKitCatches(WrongNameTestCase.class, "should_have_a_valid_name_equal_to_the_providers");
    }

    @Test
    void should_catch_a_retriever_that_breaks_under_concurrent_calls() {
        assertKitCatches(NotThreadSafeTestCase.class, "should_give_the_same_results_concurrently");
    }

    /** A retrieval function over the reference retriever of the context. */
    @FunctionalInterface
    interface Retrieval {
        List<Scored<HistoryItem>> retrieve(Retriever reference, HistoryStore store, Query query, int m);
    }

    /** Makes a provider named "broken" whose retriever applies a retrieval function in {@code doRetrieve}. */
    static RetrieverProvider provider(String retrieverName, Retrieval retrieval) {
        return provider(retrieverName, retrieval, false);
    }

    /**
     * Makes a provider named "broken" whose retriever applies a retrieval function, in {@code doRetrieve} or, as a
     * plugin built against 0.1 does, in an override of {@code retrieve} that skips the SPI's checks.
     */
    static RetrieverProvider provider(String retrieverName, Retrieval retrieval, boolean overridesRetrieve) {
        return new RetrieverProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Retriever create(RetrieverContext context) {
                Retriever reference = new ReferenceKeywordOverlapRetrieverProvider().create(context);
                if (overridesRetrieve) {
                    return new Retriever() {
                        @Override
                        public String name() {
                            return retrieverName;
                        }

                        @Override
                        public List<Scored<HistoryItem>> retrieve(Query query, int m) {
                            return retrieval.retrieve(reference, context.store(), query, m);
                        }

                        @Override
                        public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                            return retrieve(query, m);
                        }
                    };
                }
                return new Retriever() {
                    @Override
                    public String name() {
                        return retrieverName;
                    }

                    @Override
                    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                        return retrieval.retrieve(reference, context.store(), query, m);
                    }
                };
            }
        };
    }

    @SelfTestOnly
    static class LeaksOtherUsersTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken", (reference, store, query, m) -> {
                List<Scored<HistoryItem>> all = new ArrayList<>();
                for (UserId user : store.users()) {
                    all.addAll(reference.retrieve(new Query(user, query.text(), query.task()), m));
                }
                return all.stream().sorted(Scored.bestFirst()).limit(m).toList();
            });
        }
    }

    @SelfTestOnly
    static class IgnoresMTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken",
                    (reference, store, query, m) -> reference.retrieve(query, Math.max(m, 0) + 100));
        }
    }

    @SelfTestOnly
    static class WorstFirstTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken", (reference, store, query, m) -> {
                List<Scored<HistoryItem>> best = new ArrayList<>(reference.retrieve(query, m));
                best.sort(Comparator.comparingDouble(Scored::score));
                return best;
            });
        }
    }

    @SelfTestOnly
    static class DuplicatesTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken", (reference, store, query, m) -> {
                List<Scored<HistoryItem>> best = reference.retrieve(query, m);
                if (best.size() < 2) {
                    return best;
                }
                List<Scored<HistoryItem>> doubled = new ArrayList<>(best.subList(0, best.size() - 1));
                doubled.add(new Scored<>(best.get(0).value(), best.get(best.size() - 1).score()));
                return doubled;
            });
        }
    }

    @SelfTestOnly
    static class AcceptsNegativeMTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken",
                    (reference, store, query, m) -> m < 0 ? List.of() : reference.retrieve(query, m), true);
        }
    }

    @SelfTestOnly
    static class IgnoresTextTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return new ReferenceRecencyRetrieverProvider(); // and ranksByTextRelevance() stays true
        }
    }

    @SelfTestOnly
    static class AltersItemsTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken", (reference, store, query, m) -> reference.retrieve(query, m)
                    .stream()
                    .map(s -> new Scored<>(new HistoryItem(s.value().id(), s.value().userId(), s.value().input(),
                            s.value().output().toUpperCase(Locale.ROOT), s.value().timestamp(), Map.of()), s.score()))
                    .toList());
        }
    }

    @SelfTestOnly
    static class WrongNameTestCase extends RetrieverCompatibilityKit {
        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("keyword-overlap",
                    (reference, store, query, m) -> reference.retrieve(query, m));
        }
    }

    /** Loses its result when another call overlaps it, as one sharing a result buffer would. */
    @SelfTestOnly
    static class NotThreadSafeTestCase extends RetrieverCompatibilityKit {
        private final AtomicInteger inFlight = new AtomicInteger();

        @Override
        protected RetrieverProvider provider() {
            return BrokenRetrieversTest.provider("broken", (reference, store, query, m) -> {
                int others = inFlight.getAndIncrement();
                try {
                    Thread.sleep(2);
                    List<Scored<HistoryItem>> result = reference.retrieve(query, m);
                    if (others > 0 || inFlight.get() > 1) {
                        return List.of();
                    }
                    return result;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
    }
}

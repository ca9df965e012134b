package dev.hydra.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The default methods of the SPI check arguments before, and results after, the implementation's method. */
class CheckedEntryPointsTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final Query QUERY = new Query(ALICE, "bike brakes", "chat");
    private static final HistoryItem A1 = HistoryItem.of("a1", ALICE, "tyres", "Tyre-rific");
    private static final HistoryItem A2 = HistoryItem.of("a2", ALICE, "chains", "Chain reaction");
    private static final List<Scored<HistoryItem>> CANDIDATES = List.of(new Scored<>(A1, 2), new Scored<>(A2, 1));
    private static final List<Candidate> SAMPLES = List.of(new Candidate("Brake late", 0), new Candidate("Stop", 1));

    private final AtomicInteger calls = new AtomicInteger();

    private Retriever retriever(List<Scored<HistoryItem>> answer) {
        return new Retriever() {
            @Override
            public String name() {
                return "test-retriever";
            }

            @Override
            public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                calls.incrementAndGet();
                return answer;
            }
        };
    }

    private Reranker reranker(BiFunction<List<Scored<HistoryItem>>, Integer, List<Scored<HistoryItem>>> answer) {
        return new Reranker() {
            @Override
            public String name() {
                return "test-reranker";
            }

            @Override
            public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
                calls.incrementAndGet();
                return answer.apply(candidates, k);
            }
        };
    }

    private Adapter adapter(java.util.function.Function<List<Candidate>, List<Scored<Candidate>>> answer) {
        return new Adapter() {
            @Override
            public String name() {
                return "test-adapter";
            }

            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                calls.incrementAndGet();
                return answer.apply(candidates);
            }
        };
    }

    @Test
    void should_refuse_a_negative_m_before_the_retriever_sees_it_and_name_the_fix() {
        // given
        Retriever retriever = retriever(CANDIDATES);
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> retriever.retrieve(QUERY, -1));
        // then
        assertEquals(0, calls.get());
        assertEquals("retriever 'test-retriever': m (the most items to return) must be >= 0, was -1; pass 0 to "
                + "retrieve nothing", e.getMessage());
    }

    @Test
    void should_refuse_a_null_query_naming_the_retriever() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> retriever(CANDIDATES).retrieve(null, 3));
        assertEquals("retriever 'test-retriever': query must not be null", e.getMessage());
        assertEquals(0, calls.get());
    }

    @Test
    void should_answer_m_zero_without_calling_the_retriever() {
        assertEquals(List.of(), retriever(CANDIDATES).retrieve(QUERY, 0));
        assertEquals(0, calls.get());
    }

    @Test
    void should_pass_through_a_result_within_the_contract() {
        assertEquals(CANDIDATES, retriever(CANDIDATES).retrieve(QUERY, 2));
        assertEquals(1, calls.get());
    }

    @Test
    void should_refuse_a_retrievers_null_or_oversized_result() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> retriever(null).retrieve(QUERY, 2));
        assertEquals("retriever 'test-retriever' returned null from doRetrieve; return an empty list for none",
                none.getMessage());
        IllegalStateException many = assertThrows(IllegalStateException.class,
                () -> retriever(CANDIDATES).retrieve(QUERY, 1));
        assertEquals("retriever 'test-retriever' returned 2 items for m = 1; return at most m", many.getMessage());
    }

    @Test
    void should_refuse_bad_rerank_arguments_before_the_reranker_sees_them() {
        Reranker reranker = reranker((c, k) -> c);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> reranker.rerank(QUERY, CANDIDATES, -2));
        assertEquals("reranker 'test-reranker': k (the most items to keep) must be >= 0, was -2; pass 0 to keep "
                + "nothing", negative.getMessage());
        NullPointerException noList = assertThrows(NullPointerException.class, () -> reranker.rerank(QUERY, null, 2));
        assertEquals("reranker 'test-reranker': candidates must not be null; pass an empty list for none",
                noList.getMessage());
        NullPointerException nullItem = assertThrows(NullPointerException.class,
                () -> reranker.rerank(QUERY, Arrays.asList(CANDIDATES.get(0), null), 2));
        assertEquals("reranker 'test-reranker': candidates holds null at index 1; leave it out", nullItem.getMessage());
        assertEquals(0, calls.get());
    }

    @Test
    void should_answer_k_zero_and_no_candidates_without_calling_the_reranker() {
        Reranker reranker = reranker((c, k) -> c);
        assertEquals(List.of(), reranker.rerank(QUERY, CANDIDATES, 0));
        assertEquals(List.of(), reranker.rerank(QUERY, List.of(), 4));
        assertEquals(0, calls.get());
    }

    @Test
    void should_give_the_reranker_a_copy_it_cannot_change() {
        List<Scored<HistoryItem>> mine = new ArrayList<>(CANDIDATES);
        Reranker sortsInPlace = reranker((c, k) -> {
            c.sort(Scored.bestFirst());
            return c;
        });
        assertThrows(UnsupportedOperationException.class, () -> sortsInPlace.rerank(QUERY, mine, 2));
        assertEquals(CANDIDATES, mine);
    }

    @Test
    void should_refuse_a_reranker_that_keeps_too_many_or_invents_items() {
        IllegalStateException many = assertThrows(IllegalStateException.class,
                () -> reranker((c, k) -> c).rerank(QUERY, CANDIDATES, 1));
        assertEquals("reranker 'test-reranker' kept 2 items for k = 1; keep at most k", many.getMessage());
        HistoryItem invented = HistoryItem.of("x9", ALICE, "made up", "made up");
        IllegalStateException made = assertThrows(IllegalStateException.class,
                () -> reranker((c, k) -> List.of(new Scored<>(invented, 1))).rerank(QUERY, CANDIDATES, 2));
        assertTrue(made.getMessage().startsWith("reranker 'test-reranker' returned item x9, which was not among its 2 "
                + "candidates"), made.getMessage());
    }

    @Test
    void should_refuse_bad_score_arguments_and_answer_no_candidates_itself() {
        Adapter adapter = adapter(c -> c.stream().map(x -> new Scored<>(x, 1.0)).toList());
        NullPointerException noQuery = assertThrows(NullPointerException.class, () -> adapter.score(null, SAMPLES));
        assertEquals("adapter 'test-adapter': query must not be null", noQuery.getMessage());
        assertThrows(NullPointerException.class, () -> adapter.score(QUERY, null));
        assertEquals(List.of(), adapter.score(QUERY, List.of()));
        assertEquals(0, calls.get());
        assertEquals(2, adapter.score(QUERY, SAMPLES).size());
        assertEquals(1, calls.get());
    }

    @Test
    void should_refuse_an_adapter_that_miscounts_or_reorders() {
        IllegalStateException fewer = assertThrows(IllegalStateException.class,
                () -> adapter(c -> List.of(new Scored<>(c.get(0), 1.0))).score(QUERY, SAMPLES));
        assertEquals("adapter 'test-adapter' returned 1 scores for 2 candidates; return one per candidate",
                fewer.getMessage());
        IllegalStateException reordered = assertThrows(IllegalStateException.class, () -> adapter(
                c -> List.of(new Scored<>(c.get(1), 1.0), new Scored<>(c.get(0), 0.0))).score(QUERY, SAMPLES));
        assertEquals("adapter 'test-adapter' returned the score of sample 1 at position 0, where sample 0 stands; "
                + "return the scores in the order given", reordered.getMessage());
    }
}

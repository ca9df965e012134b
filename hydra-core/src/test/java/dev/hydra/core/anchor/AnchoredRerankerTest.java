package dev.hydra.core.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The anchored reranker keeps the retriever's order at weight 0 and reorders only within its trained range. */
class AnchoredRerankerTest {

    private static final UserId ANN = UserId.of("ann");
    private static final Query QUERY = new Query(ANN, "a query", "movie_tagging");

    private final List<Scored<HistoryItem>> retrieved = new ArrayList<>();
    private Reranker learned;

    @BeforeEach
    void setUp() {
        for (int i = 0; i < 6; i++) {
            retrieved.add(new Scored<>(HistoryItem.of("i" + i, ANN, "text " + i, "out " + i), 10 - i));
        }
        learned = mock(Reranker.class);
        when(learned.name()).thenReturn("learned");
        // the learned reranker likes later items best: i3 > i2 > i1 > i0 (it only ever sees the first four)
        when(learned.rerank(any(), any(), anyInt())).thenAnswer(inv -> {
            List<Scored<HistoryItem>> in = inv.getArgument(1);
            List<Scored<HistoryItem>> out = new ArrayList<>();
            for (int i = in.size() - 1; i >= 0; i--) {
                out.add(new Scored<>(in.get(i).value(), i));
            }
            return out;
        });
    }

    private static List<String> ids(List<Scored<HistoryItem>> items) {
        return items.stream().map(s -> s.value().id()).toList();
    }

    @Test
    void should_keep_the_retrievers_order_exactly_and_never_ask_the_learned_reranker_at_weight_zero() {
        List<Scored<HistoryItem>> out = new AnchoredReranker(learned, new AnchorWeights(0, 4, 0, 0)).rerank(QUERY,
                retrieved, 5);
        assertEquals(List.of("i0", "i1", "i2", "i3", "i4"), ids(out));
        verifyNoInteractions(learned);
    }

    @Test
    void should_let_a_strong_correction_reorder_only_within_the_trained_range() {
        // when: a large weight lets the learned order win within the first four ranks
        List<Scored<HistoryItem>> out = new AnchoredReranker(learned, new AnchorWeights(10, 4, 0, 0)).rerank(QUERY,
                retrieved, 6);

        // then: ranks 0-3 reversed, ranks 4-5 after them in the retriever's order, scores best first
        assertEquals(List.of("i3", "i2", "i1", "i0", "i4", "i5"), ids(out));
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i - 1).score() >= out.get(i).score(), "scores must be sorted best first: " + out);
        }
        verify(learned).rerank(QUERY, retrieved.subList(0, 4), 4);
    }

    @Test
    void should_let_a_weak_correction_break_only_close_calls() {
        // a weight far below the prior's step between ranks moves nothing
        List<Scored<HistoryItem>> out = new AnchoredReranker(learned, new AnchorWeights(0.01, 4, 0, 0)).rerank(QUERY,
                retrieved, 4);
        assertEquals(List.of("i0", "i1", "i2", "i3"), ids(out));
    }

    @Test
    void should_fail_loudly_when_the_learned_reranker_drops_an_item_and_reject_negative_k() {
        doReturn(List.of()).when(learned).rerank(any(), any(), anyInt());
        AnchoredReranker r = new AnchoredReranker(learned, new AnchorWeights(1, 4, 0, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.rerank(QUERY, retrieved, 2));
        assertTrue(e.getMessage().contains("dropped item i0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.rerank(QUERY, retrieved, -1));
        assertEquals(List.of(), r.rerank(QUERY, List.of(), 3));
    }
}

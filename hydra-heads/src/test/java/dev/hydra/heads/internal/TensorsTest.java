package dev.hydra.heads.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The listwise loss compares the pairs of a query with each other and ignores queries of one label. */
class TensorsTest {

    private static float listwise(float[] logits, int[] labels, int[] queries) {
        return Djl.call(() -> {
            try (NDManager m = Djl.newManager()) {
                int[] batch = new int[labels.length];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = i;
                }
                return Tensors.listwise(m, m.create(logits, new Shape(labels.length, 2)), labels, queries, batch)
                        .getFloat();
            }
        });
    }

    @Test
    void should_be_the_softmax_cross_entropy_of_a_querys_scores_against_its_positives() {
        // given: one query, scores 1, 0, -1 (logit1 - logit0), the first two positive
        float[] logits = {0, 1, 0, 0, 1, 0};
        int[] labels = {1, 1, 0};

        // when
        float loss = listwise(logits, labels, new int[] {7, 7, 7});

        // then: logsumexp(1, 0, -1) - mean(1, 0)
        double expected = Math.log(Math.exp(1) + Math.exp(0) + Math.exp(-1)) - 0.5;
        assertEquals(expected, loss, 1e-5);
    }

    @Test
    void should_leave_out_queries_whose_pairs_share_one_label_and_average_the_others() {
        // given: query 1 is all positive (how easy it is, not which item is better), query 2 has both labels
        float[] logits = {0, 5, 0, 4, 0, 2, 0, 0};
        int[] labels = {1, 1, 0, 1};
        int[] queries = {1, 1, 2, 2};

        // when
        float both = listwise(logits, labels, queries);
        float onlyEasy = listwise(new float[] {0, 5, 0, 4}, new int[] {1, 1}, new int[] {1, 1});

        // then: only query 2 counts: logsumexp(2, 0) - 0
        assertEquals(Math.log(Math.exp(2) + 1), both, 1e-5);
        assertEquals(0f, onlyEasy);
    }

    @Test
    void should_not_change_when_every_score_of_a_query_shifts_by_the_same_amount() {
        float[] low = {0, 1, 0, -2, 0, 0.5f};
        float[] high = {0, 11, 0, 8, 0, 10.5f};
        int[] labels = {0, 1, 0};
        int[] queries = {3, 3, 3};
        assertEquals(listwise(low, labels, queries), listwise(high, labels, queries), 1e-4);
    }
}

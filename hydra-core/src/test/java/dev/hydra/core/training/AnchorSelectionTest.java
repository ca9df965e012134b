package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Selection keeps the simple choice unless another beats it on held-out queries by more than noise. */
class AnchorSelectionTest {

    @Test
    void should_keep_the_baseline_when_the_gain_is_within_noise() {
        // given: config 1 wins 6 queries and loses 5: a mean gain far below one standard error
        List<double[]> perQuery = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            perQuery.add(i < 6 ? new double[] {0, 1} : new double[] {1, 0});
        }

        // then
        assertEquals(0, AnchorSelection.choose(perQuery, 0));
    }

    @Test
    void should_take_a_choice_that_wins_consistently() {
        // given: config 2 is right on 9 of 10 queries where the baseline is right on 3
        List<double[]> perQuery = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            perQuery.add(new double[] {i < 3 ? 1 : 0, 0, i < 9 ? 1 : 0});
        }

        // then
        assertEquals(2, AnchorSelection.choose(perQuery, 0));
        assertEquals(1, AnchorSelection.choose(List.of(), 1), "no held-out query: the baseline");
    }

    @Test
    void should_take_the_first_of_equal_choices() {
        List<double[]> perQuery = List.of(new double[] {0, 1, 1}, new double[] {0, 1, 1}, new double[] {0, 1, 1});
        assertEquals(1, AnchorSelection.choose(perQuery, 0));
    }

    @Test
    void should_put_a_query_in_the_same_fold_for_the_same_seed() {
        int first = AnchorSelection.fold("ann", "q1", 42);
        assertEquals(first, AnchorSelection.fold("ann", "q1", 42));
        long ones = 0;
        for (int i = 0; i < 200; i++) {
            ones += AnchorSelection.fold("u" + i, "q", 42);
        }
        assertEquals(true, ones > 60 && ones < 140, "folds are about even: " + ones);
    }
}

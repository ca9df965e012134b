package dev.hydra.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.spi.OutputKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The facade's contract: keys per kind, hand-checked values of the reference rules, and the failure paths. */
class MetricsTest {

    private static final List<String> TAGS = List.of("comedy", "action", "classic", "romance");

    @Test
    void should_return_the_keys_of_each_kind_in_table_order() {
        // when
        Map<String, Double> classification = Metrics.forKind(OutputKind.CLASSIFICATION, List.of("comedy"),
                List.of("comedy"), TAGS);
        Map<String, Double> rating = Metrics.forKind(OutputKind.RATING, List.of("4"), List.of("5"), List.of());
        Map<String, Double> generation = Metrics.forKind(OutputKind.GENERATION, List.of("a b"), List.of("a b"),
                List.of());
        // then
        assertEquals(List.of("accuracy", "f1"), List.copyOf(classification.keySet()));
        assertEquals(List.of("mae", "rmse"), List.copyOf(rating.keySet()));
        assertEquals(List.of("rouge1", "rougeL", "bleu"), List.copyOf(generation.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> rating.put("mae", 0.0));
    }

    @Test
    void should_average_f1_over_every_label_scoring_absent_labels_zero() {
        // given: comedy right once, action answered as an off-list tag, classic and romance never seen
        List<String> predictions = List.of("Comedy, I think", "thriller");
        List<String> golds = List.of("comedy", "action");
        // when
        Map<String, Double> metrics = Metrics.classification(predictions, golds, TAGS);
        // then: F1 is 1 for comedy, 0 for action, 0 for the two absent labels
        assertEquals(0.5, metrics.get(Metrics.ACCURACY));
        assertEquals(0.25, metrics.get(Metrics.F1));
    }

    @Test
    void should_keep_an_answer_up_to_its_first_closing_bracket_only_for_predictions() {
        // given
        List<String> labels = List.of("[1]", "[2]");
        // when
        Map<String, Double> metrics = Metrics.classification(List.of("[2] because of the title", "[1]!"),
                List.of("[2]", "[1]"), labels);
        // then
        assertEquals(1.0, metrics.get(Metrics.ACCURACY));
        assertEquals("[2]", Classification.normalizePrediction(" [2] because"));
        assertEquals("[2] because", Classification.normalizeGold(" [2] because"));
    }

    @Test
    void should_score_an_unparsable_rating_as_the_worse_of_1_and_5() {
        // when
        Map<String, Double> metrics = Metrics.rating(List.of("great!", "no idea", "4.5 stars"), List.of("2", "4", "3"));
        // then: 5 against 2 (error 3), 1 against 4 (error 3), and 4.5 reads 4 (error 1)
        assertEquals(7.0 / 3, metrics.get(Metrics.MAE), 1e-12);
        assertEquals(Math.sqrt(19.0 / 3), metrics.get(Metrics.RMSE), 1e-12);
    }

    @Test
    void should_give_identical_long_texts_full_scores_and_disjoint_ones_zero() {
        // when
        Map<String, Double> same = Metrics.generation(List.of("The quick brown fox jumps over the lazy dog."),
                List.of("  The quick brown fox jumps over the lazy dog.\n"));
        Map<String, Double> disjoint = Metrics.generation(List.of("one two three four"),
                List.of("five six seven eight"));
        // then
        assertEquals(1.0, same.get(Metrics.ROUGE_1), 1e-12);
        assertEquals(1.0, same.get(Metrics.ROUGE_L), 1e-12);
        assertEquals(100.0, same.get(Metrics.BLEU), 1e-9);
        assertEquals(List.of(0.0, 0.0, 0.0), List.copyOf(disjoint.values()));
    }

    @Test
    void should_reject_lists_of_different_sizes_naming_both() {
        assertMessage("predictions and golds must have the same size, were 2 and 1",
                () -> Metrics.classification(List.of("comedy", "action"), List.of("comedy"), TAGS));
        assertMessage("predictions and golds must have the same size, were 1 and 2",
                () -> Metrics.rating(List.of("1"), List.of("1", "2")));
        assertMessage("predictions and golds must have the same size, were 1 and 0",
                () -> Metrics.generation(List.of("a"), List.of()));
        assertMessage("hypotheses and references must have the same size, were 0 and 1",
                () -> SacreBleu.corpusBleu(List.of(), List.of("a")));
    }

    @Test
    void should_reject_empty_inputs() {
        assertMessage("predictions and golds must not be empty",
                () -> Metrics.classification(List.of(), List.of(), TAGS));
        assertMessage("predictions and golds must not be empty", () -> Metrics.rating(List.of(), List.of()));
        assertMessage("predictions and golds must not be empty", () -> Metrics.generation(List.of(), List.of()));
        assertMessage("hypotheses and references must not be empty", () -> SacreBleu.corpusBleu(List.of(), List.of()));
        assertMessage("labels must not be empty",
                () -> Metrics.forKind(OutputKind.CLASSIFICATION, List.of("a"), List.of("a"), List.of()));
    }

    @Test
    void should_reject_null_arguments_and_elements_naming_them() {
        List<String> one = List.of("comedy");
        assertMessage("predictions must not be null", () -> Metrics.classification(null, one, TAGS));
        assertMessage("golds must not be null", () -> Metrics.rating(one, null));
        assertMessage("labels must not be null", () -> Metrics.classification(one, one, null));
        assertMessage("kind must not be null", () -> Metrics.forKind(null, one, one, TAGS));
        assertMessage("labels must not be null", () -> Metrics.forKind(OutputKind.RATING, one, one, null));
        assertMessage("predictions[1] must not be null",
                () -> Metrics.generation(Arrays.asList("a", null), List.of("a", "b")));
        assertMessage("labels[0] must not be null",
                () -> Metrics.classification(one, one, Arrays.asList((String) null)));
        assertMessage("target must not be null", () -> Rouge.rouge1(null, "a"));
        assertMessage("prediction must not be null", () -> Rouge.rougeL("a", null));
        assertMessage("text must not be null", () -> Rouge.tokenize(null));
        assertMessage("segment must not be null", () -> SacreBleu.tokenize(null));
        assertMessage("text must not be null", () -> Rating.firstInteger(null));
        assertMessage("prediction must not be null", () -> Classification.normalizePrediction(null));
    }

    @Test
    void should_reject_golds_the_reference_could_not_score() {
        assertMessage("golds[1] \"horror\" is not one of labels",
                () -> Metrics.classification(List.of("comedy", "horror"), List.of("comedy", "horror"), TAGS));
        assertMessage("labels[2] \"comedy\" repeats an earlier label",
                () -> Metrics.classification(List.of("comedy"), List.of("comedy"),
                        List.of("comedy", "action", "comedy")));
        assertMessage("golds[0] \"five\" holds no integer", () -> Metrics.rating(List.of("5"), List.of("five")));
    }

    private static void assertMessage(String expectedStart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "message was: " + e.getMessage());
    }
}

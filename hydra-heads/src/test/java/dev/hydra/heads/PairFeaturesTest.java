package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer consensus: how much an item's answer agrees with the other answers of its list. */
class PairFeaturesTest {

    @Test
    void should_be_the_share_of_the_other_items_with_the_same_label() {
        double[] c = PairFeatures.answerConsensus(List.of("[sports]", "Sports", "politics", "sports"));
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 0, 2 / 3.0}, c, 1e-9);
    }

    @Test
    void should_give_titles_their_word_overlap_and_nothing_to_empty_or_lonely_answers() {
        double[] titles = PairFeatures.answerConsensus(Arrays.asList("Great phone", "great battery", "", null));
        // "great phone" vs "great battery": 2*1/(2+2) = 0.5, averaged over the 3 others
        assertEquals(0.5 / 3, titles[0], 1e-9);
        assertEquals(0.5 / 3, titles[1], 1e-9);
        assertEquals(0, titles[2]);
        assertEquals(0, titles[3]);
        assertArrayEquals(new double[] {0}, PairFeatures.answerConsensus(List.of("alone")));
    }

    @Test
    void should_append_the_consensus_to_the_retrieval_features() {
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.75f}, PairFeatures.rerankerExtras(2, 4, 3, 0.75));
    }
}

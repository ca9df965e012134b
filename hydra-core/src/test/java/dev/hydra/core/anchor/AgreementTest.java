package dev.hydra.core.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.task.BuiltInTasks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agreement among samples: vote shares for labels, similarity to the others for free text. */
class AgreementTest {

    private static final TaskSpec TAGS = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final TaskSpec RATINGS = BuiltInTasks.find("product_rating").orElseThrow();
    private static final TaskSpec TITLES = BuiltInTasks.find("review_title").orElseThrow();

    @Test
    void should_score_labels_by_their_share_of_the_readable_samples() {
        // when: "Comedy." and "comedy" read as the same label; the unreadable answer agrees with nothing
        double[] s = Agreement.scores(TAGS, List.of("Comedy.", "comedy", "romance", "no idea"));

        // then
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 1 / 3.0, 0}, s, 1e-12);
        assertEquals(2, Agreement.best(TAGS, List.of("no idea", "romance", "comedy", "comedy")));
    }

    @Test
    void should_score_ratings_by_the_rating_they_read_as() {
        double[] s = Agreement.scores(RATINGS, List.of("4", "4 stars", "I'm 100% sure", "5"));
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 0, 1 / 3.0}, s, 1e-12);
    }

    @Test
    void should_prefer_the_title_most_like_the_others_for_free_text() {
        // given: two titles share words, one stands apart
        List<String> titles = List.of("Great strings for the price", "Zebra", "Great strings");

        // when
        int best = Agreement.best(TITLES, titles);

        // then: a central title wins, never the outlier
        assertEquals(0, best);
        assertEquals(1.0, Agreement.scores(TITLES, List.of("only one"))[0]);
    }

    @Test
    void should_refuse_to_choose_from_no_answers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Agreement.best(TAGS, List.of()));
        assertEquals("no answers to choose from", e.getMessage());
        assertEquals(0, Agreement.scores(TAGS, List.of()).length);
    }
}

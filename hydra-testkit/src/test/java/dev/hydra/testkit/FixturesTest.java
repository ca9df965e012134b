package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hydra.api.HistoryItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void should_give_four_users_six_items_with_colliding_ids() {
        List<HistoryItem> corpus = TestCorpora.small();
        assertEquals(List.of(TestCorpora.ALICE, TestCorpora.BOB, TestCorpora.CAROL, TestCorpora.DAVE),
                TestCorpora.users(corpus));
        for (var user : TestCorpora.users(corpus)) {
            assertEquals(List.of("item-01", "item-02", "item-03", "item-04", "item-05", "item-06"),
                    TestCorpora.itemsOf(corpus, user).stream().map(HistoryItem::id).sorted().toList());
        }
        assertEquals(TestCorpora.small(), corpus);
    }

    @Test
    void should_generate_the_same_corpus_from_the_same_seed() {
        assertEquals(TestCorpora.generated(3, 5, 4), TestCorpora.generated(3, 5, 4));
        assertNotEquals(TestCorpora.generated(3, 5, 4), TestCorpora.generated(4, 5, 4));
        assertEquals(20, TestCorpora.generated(3, 5, 4).size());
        assertThrows(IllegalArgumentException.class, () -> TestCorpora.generated(3, 0, 4));
    }
}

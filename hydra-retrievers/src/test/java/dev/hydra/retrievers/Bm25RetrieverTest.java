package dev.hydra.retrievers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bm25RetrieverTest {

    private static final UserId ANN = UserId.of("ann smith");
    private static final UserId BEN = UserId.of("ann");
    private static final List<HistoryItem> ITEMS = List.of(
            HistoryItem.of("guitar", ANN, "new guitar strings sound bright", "out"),
            HistoryItem.of("drums", ANN, "the drum kit arrived broken", "out"),
            HistoryItem.of("guitar", BEN, "guitar strings guitar strings bright", "out"));

    private static List<String> idsAndUsers(List<Scored<HistoryItem>> found) {
        return found.stream().map(s -> s.value().userId() + "/" + s.value().id()).toList();
    }

    @Test
    void should_use_lucene_bm25_over_a_lucene_store_and_okapi_when_asked(@TempDir Path dir) {
        // given
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir)) {
            store.addAll(ITEMS);
            // when
            Bm25Retriever lucene = Bm25Retriever.builder().store(store).build();
            Bm25Retriever okapi = Bm25Retriever.builder().store(store).okapi(true).build();
            // then
            assertEquals("bm25", lucene.name());
            assertEquals("bm25-okapi", okapi.name());
            for (Bm25Retriever r : List.of(lucene, okapi)) {
                List<Scored<HistoryItem>> found = r.retrieve(new Query(ANN, "guitar strings", "chat"), 10);
                assertEquals("ann smith/guitar", idsAndUsers(found).get(0), r.name());
                assertTrue(found.stream().allMatch(s -> s.value().userId().equals(ANN)), idsAndUsers(found).toString());
            }
        }
    }

    @Test
    void should_use_okapi_over_any_other_store() {
        // given
        ListHistoryStore store = new ListHistoryStore();
        store.addAll(ITEMS);
        // when
        Bm25Retriever retriever = Bm25Retriever.builder().store(store).build();
        // then
        assertEquals("bm25-okapi", retriever.name());
        assertEquals(List.of("ann smith/guitar", "ann smith/drums"),
                idsAndUsers(retriever.retrieve(new Query(ANN, "guitar", "chat"), 10)),
                "rank_bm25 ranks every item of the user, the matching one first");
    }

    @Test
    void should_say_how_to_fix_a_missing_store() {
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Bm25Retriever.builder().build());
        // then
        assertTrue(e.getMessage().contains("Bm25Retriever.builder().store("), e.getMessage());
    }
}

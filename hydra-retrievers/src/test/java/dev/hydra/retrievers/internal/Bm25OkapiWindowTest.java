package dev.hydra.retrievers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bm25-okapi profile is a bounded window of the user's newest items, never all of them. */
class Bm25OkapiWindowTest {

    private static final UserId ANN = UserId.of("ann");

    @TempDir
    Path dir;

    @Test
    void should_rank_only_the_newest_window_and_never_list_the_whole_history() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            // given: 40 items, the 5 oldest about "zebra", the rest about guitars
            List<HistoryItem> items = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                items.add(new HistoryItem("i" + i, ANN, i < 5 ? "zebra stripes " + i : "guitar strings " + i, "o",
                        Instant.ofEpochSecond(1_000 + i), Map.of()));
            }
            lucene.addAll(items);
            LuceneHistoryStore store = spy(lucene);
            Bm25OkapiRetriever windowed = (Bm25OkapiRetriever) new Bm25OkapiRetrieverProvider()
                    .create(new RetrieverContext(store, Optional.empty(), Map.of("window", "10")));
            Bm25OkapiRetriever whole = new Bm25OkapiRetriever("bm25-okapi", lucene, 1.5, 0.75, 0.25);

            // when
            List<Scored<HistoryItem>> zebraInWindow = windowed.retrieve(new Query(ANN, "zebra", "t"), 40);
            List<Scored<HistoryItem>> zebraInAll = whole.retrieve(new Query(ANN, "zebra", "t"), 40);

            // then: the window holds the 10 newest items only, none of the old zebras
            assertEquals(10, zebraInWindow.size(), zebraInWindow::toString);
            assertTrue(zebraInWindow.stream().allMatch(s -> s.value().timestamp().getEpochSecond() >= 1_030),
                    zebraInWindow::toString);
            assertTrue(zebraInAll.get(0).value().input().startsWith("zebra"), "the whole history has the zebras");
            verify(store, never()).list(any());
        }
    }

    @Test
    void should_rank_as_the_whole_history_when_the_window_holds_it() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            List<HistoryItem> items = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                items.add(new HistoryItem("i" + i, ANN, "guitar " + (i % 3 == 0 ? "zebra " : "") + i, "o",
                        Instant.ofEpochSecond(1_000 + i / 2), Map.of()));
            }
            lucene.addAll(items);
            Bm25OkapiRetriever exact = new Bm25OkapiRetriever("bm25-okapi", lucene, 1.5, 0.75, 0.25, 30);
            Bm25OkapiRetriever roomy = new Bm25OkapiRetriever("bm25-okapi", lucene, 1.5, 0.75, 0.25);
            Query query = new Query(ANN, "guitar zebra", "t");
            assertEquals(roomy.retrieve(query, 30), exact.retrieve(query, 30));
        }
    }

    @Test
    void should_refuse_a_window_below_one_naming_the_option() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            for (String bad : List.of("0", "-3", "many", "1.5")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new Bm25OkapiRetrieverProvider()
                                .create(new RetrieverContext(lucene, Optional.empty(), Map.of("window", bad))));
                assertTrue(e.getMessage().contains("window") && e.getMessage().contains(bad), e::getMessage);
            }
        }
    }
}

package dev.hydra.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IndexScan} sees through Lucene's compression and into deleted documents, and stops seeing after merging. */
class IndexScanTest {

    /** A canary that LZ4 compresses away (a run of one letter), so that no file holds its bytes. */
    private static final String COMPRESSIBLE = "cnq" + "a".repeat(12) + "0";
    private static final String PLAIN = "cnqk3v9x0m2p7q14";

    @TempDir
    Path home;

    @Test
    void should_find_a_deleted_users_canaries_and_vector_until_the_index_is_compacted() {
        // given
        UserId gone = UserId.of("gone");
        List<HistoryItem> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(new HistoryItem("k" + i, UserId.of("kept" + i), "notes on the river " + i, "story " + i,
                    Instant.ofEpochSecond(1_600_000_000L + i), Map.of()));
        }
        HistoryItem item = new HistoryItem("g", gone, "the garden " + COMPRESSIBLE + " " + PLAIN,
                "my story", Instant.ofEpochSecond(1_600_000_000L), Map.of());
        items.add(item);
        Set<String> canaries = Set.of(COMPRESSIBLE, PLAIN);
        List<float[]> vector = List.of(TinyTraining.ENCODER.encode(List.of(item.retrievalText())));
        try (LuceneHistoryStore store = LuceneHistoryStore.open(home.resolve("history"),
                Optional.of(TinyTraining.ENCODER))) {
            store.addAll(items);
            // when
            IndexScan before = IndexScan.scan(home, canaries, vector);
            store.forgetUser(gone);
            IndexScan deleted = IndexScan.scan(home, canaries, vector);
            store.compact();
            IndexScan compacted = IndexScan.scan(home, canaries, vector);
            // then
            assertEquals(canaries, before.canaries(), "the scan decodes stored fields and terms");
            assertEquals(1, before.vectorsFound(), "the scan reads the segment's vectors");
            assertEquals(0, before.deletedDocuments());
            assertTrue(deleted.deletedDocuments() >= 1, "the deleted document is still in a segment");
            assertEquals(canaries, deleted.canaries(), "a deleted document's fields are still served by docID");
            assertEquals(1, deleted.vectorsFound(), "a deleted document's vector is still in its segment");
            assertEquals(Set.of(), compacted.canaries(), "merging drops the deleted document");
            assertEquals(0, compacted.vectorsFound());
            assertEquals(0, compacted.deletedDocuments());
            assertEquals(51 - 1, compacted.documents());
            assertEquals(1, compacted.indexes());
        }
    }

    @Test
    void should_find_nothing_where_there_is_no_index() {
        // when
        IndexScan scan = IndexScan.scan(home, Set.of(COMPRESSIBLE), List.of());
        // then
        assertEquals(0, scan.indexes());
        assertEquals(Set.of(), scan.canaries());
    }
}

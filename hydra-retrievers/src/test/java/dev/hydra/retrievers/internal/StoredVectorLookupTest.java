package dev.hydra.retrievers.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** An item's stored vector is found by its key and given only when its document holds the item unchanged. */
class StoredVectorLookupTest {

    private static final UserId ANN = UserId.of("ann");
    private static final HistoryItem ITEM = new HistoryItem("a1", ANN, "guitar strings", "new strings",
            Instant.ofEpochSecond(100, 7), Map.of("k", "v", "title", "t"));

    @Test
    void should_hash_equal_items_alike_and_every_changed_field_differently() {
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("title", "t");
        reordered.put("k", "v");
        assertEquals(ItemDocuments.contentHash(ITEM), ItemDocuments.contentHash(new HistoryItem("a1", ANN,
                "guitar strings", "new strings", Instant.ofEpochSecond(100, 7), reordered)));
        for (HistoryItem changed : changes()) {
            assertNotEquals(ItemDocuments.contentHash(ITEM), ItemDocuments.contentHash(changed), changed.toString());
        }
        // a field boundary moved is another item
        assertNotEquals(
                ItemDocuments.contentHash(new HistoryItem("a1", ANN, "ab", "c", Instant.EPOCH, Map.of())),
                ItemDocuments.contentHash(new HistoryItem("a1", ANN, "a", "bc", Instant.EPOCH, Map.of())));
    }

    @Test
    void should_give_the_vector_only_of_an_unchanged_item_with_or_without_the_content_hash() throws IOException {
        for (boolean withHash : new boolean[] {true, false}) {
            try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
                // given an index of one item, written with the content hash or, as before it existed, without
                float[] vector = {0.6f, 0.8f, 0f};
                Document doc = ItemDocuments.toDocument(ITEM, vector);
                if (!withHash) {
                    doc.removeField(ItemDocuments.CONTENT);
                }
                try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
                    writer.addDocument(doc);
                    writer.addDocument(ItemDocuments.toDocument(new HistoryItem("a1", UserId.of("ben"),
                            "guitar strings", "new strings", Instant.ofEpochSecond(100, 7), ITEM.attributes()),
                            new float[] {1f, 0f, 0f}));
                }
                try (DirectoryReader reader = DirectoryReader.open(directory)) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    // when
                    List<Optional<float[]>> found = Searches.vectors(searcher, List.of(ITEM));
                    List<Optional<float[]>> changed = Searches.vectors(searcher, changes());
                    // then
                    assertArrayEquals(vector, found.get(0).orElseThrow(), "with hash " + withHash);
                    for (int i = 0; i < changed.size(); i++) {
                        assertTrue(changed.get(i).isEmpty(), "with hash " + withHash + ": " + changes().get(i));
                    }
                }
            }
        }
    }

    /** The item with one field changed at a time; the user changed last (another user's item of the same id). */
    private static List<HistoryItem> changes() {
        Instant ts = ITEM.timestamp();
        return List.of(
                new HistoryItem("a1", ANN, "guitar string", "new strings", ts, ITEM.attributes()),
                new HistoryItem("a1", ANN, "guitar strings", "new string", ts, ITEM.attributes()),
                new HistoryItem("a1", ANN, "guitar strings", "new strings", ts.plusNanos(1), ITEM.attributes()),
                new HistoryItem("a1", ANN, "guitar strings", "new strings", ts, Map.of("k", "v", "title", "T")),
                new HistoryItem("a1", ANN, "guitar strings", "new strings", ts, Map.of("k", "v")),
                new HistoryItem("a2", ANN, "guitar strings", "new strings", ts, ITEM.attributes()),
                new HistoryItem("a1", UserId.of("cy"), "guitar strings", "new strings", ts, ITEM.attributes()));
    }
}

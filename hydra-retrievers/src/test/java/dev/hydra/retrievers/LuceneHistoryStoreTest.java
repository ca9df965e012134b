package dev.hydra.retrievers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneHistoryStoreTest {

    private static final UserId ANN = UserId.of("ann");
    private static final UserId BEN = UserId.of("ben");
    private static final TextEncoder ENCODER = new FeatureHashingTextEncoder(64);

    @TempDir
    Path dir;

    private static HistoryItem item(UserId user, String id, String input, long epochSecond) {
        return new HistoryItem(id, user, input, "out-" + id, Instant.ofEpochSecond(epochSecond, 7),
                Map.of("title", "title of " + id));
    }

    @Test
    void should_give_the_stored_vectors_of_items_it_holds_unchanged() {
        TextEncoder encoder = ENCODER;
        HistoryItem a = item(ANN, "a1", "guitar strings review", 1);
        HistoryItem b = item(ANN, "a2", "drum kit sticks", 2);
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir, Optional.of(encoder))) {
            // given
            store.addAll(List.of(a, b, item(BEN, "a1", "piano keys", 3)));
            HistoryItem edited = item(ANN, "a2", "drum kit pedals", 2);
            HistoryItem unknown = item(ANN, "zz", "guitar strings review", 1);
            // when
            List<Optional<float[]>> vectors = store.storedVectors(List.of(b, edited, unknown, a), encoder.id());
            // then: exactly the encoder's vectors, and none for a changed or unknown item
            float[][] expected = encoder.encode(List.of(b.retrievalText(), a.retrievalText()));
            assertEquals(4, vectors.size());
            assertArrayEquals(expected[0], vectors.get(0).orElseThrow());
            assertTrue(vectors.get(1).isEmpty(), "an item that differs from the stored one");
            assertTrue(vectors.get(2).isEmpty(), "an item the store does not hold");
            assertArrayEquals(expected[1], vectors.get(3).orElseThrow());
            // and a caller cannot change what the store keeps
            vectors.get(0).orElseThrow()[0] = 42;
            assertArrayEquals(expected[0], store.storedVectors(List.of(b), encoder.id()).get(0).orElseThrow());
        }
    }

    @Test
    void should_give_no_vectors_for_another_encoder_or_without_an_encoder() {
        HistoryItem a = item(ANN, "a1", "guitar strings review", 1);
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir.resolve("with"), Optional.of(ENCODER))) {
            store.add(a);
            assertEquals(List.of(Optional.empty()), store.storedVectors(List.of(a), "another-encoder@1"));
            assertEquals(List.of(), store.storedVectors(List.of(), "another-encoder@1"));
        }
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir.resolve("without"))) {
            store.add(a);
            assertEquals(List.of(Optional.empty()), store.storedVectors(List.of(a), ENCODER.id()));
        }
    }

    @Test
    void should_keep_items_across_a_reopen() {
        // given
        HistoryItem a = item(ANN, "a1", "guitar strings review", 100);
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir)) {
            store.add(a);
            store.addAll(List.of(item(ANN, "a2", "drum kit", 50), item(BEN, "b1", "piano", 10)));
        }
        // when
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir)) {
            // then
            assertEquals(Optional.of(a), store.get(ANN, "a1"));
            assertEquals(List.of("a2", "a1"), store.list(ANN).stream().map(HistoryItem::id).toList());
            assertEquals(2, store.count(ANN));
            assertEquals(List.of(ANN, BEN), store.users());
        }
    }

    @Test
    void should_replace_an_item_added_again_with_the_same_id() {
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir)) {
            // given
            store.add(item(ANN, "a1", "first", 1));
            // when
            store.addAll(List.of(item(ANN, "a1", "second", 2), item(ANN, "a1", "third", 3)));
            // then
            assertEquals(1, store.count(ANN));
            assertEquals("third", store.get(ANN, "a1").orElseThrow().input());
        }
    }

    @Test
    void should_never_show_one_user_another_users_items() {
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir, Optional.of(ENCODER))) {
            // given the same item id and the same words for two users
            store.add(item(ANN, "x", "violin bow rosin", 1));
            store.add(item(BEN, "x", "violin bow rosin", 2));
            // when
            var text = store.searchText(ANN, "violin rosin", 10);
            var dense = store.searchVector(ANN, ENCODER.encode(List.of("violin"))[0], 10);
            // then
            assertEquals(List.of(ANN), text.stream().map(s -> s.value().userId()).toList());
            assertEquals(List.of(ANN), dense.stream().map(s -> s.value().userId()).toList());
            assertEquals(ANN, store.get(ANN, "x").orElseThrow().userId());
            assertEquals(List.of(), store.list(UserId.of("nobody")));
            assertEquals(0, store.count(UserId.of("nobody")));
        }
    }

    @Test
    void should_list_oldest_first_and_newest_last_by_time_then_id() {
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir)) {
            // given
            store.addAll(List.of(item(ANN, "c", "x", 5), item(ANN, "b", "x", 5), item(ANN, "a", "x", 9),
                    item(ANN, "d", "x", 1)));
            // then
            assertEquals(List.of("d", "b", "c", "a"), store.list(ANN).stream().map(HistoryItem::id).toList());
            assertEquals(List.of("a", "b"), store.newest(ANN, 2).stream().map(HistoryItem::id).toList());
        }
    }

    @Test
    void should_leave_no_byte_of_a_forgotten_user_in_the_index_files_after_compact() throws IOException {
        // given canaries in every field of the forgotten user's items, and a user who stays
        UserId canaryUser = UserId.of("canaryuserq7x");
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir, Optional.of(ENCODER))) {
            for (int batch = 0; batch < 2; batch++) {
                List<HistoryItem> items = new ArrayList<>();
                for (int i = batch * 10; i < batch * 10 + 10; i++) {
                    items.add(new HistoryItem("canaryidq7x" + i, canaryUser, "canaryinputq7x words " + i,
                            "canaryoutputq7x", Instant.ofEpochSecond(i), Map.of("canaryattrq7x", "canaryvalueq7x")));
                    items.add(item(ANN, "a" + i, "keeper text " + i, i));
                }
                store.addAll(items); // two segments, so that compact has to merge
            }
            List<String> canaries = List.of("canaryuserq7x", "canaryidq7x", "canaryinputq7x", "canaryoutputq7x",
                    "canaryattrq7x", "canaryvalueq7x");
            assertTrue(filesContain(canaries), "the canaries are on disk before forgetting");
            // when
            int removed = store.forgetUser(canaryUser);
            store.compact();
            // then
            assertEquals(20, removed);
            assertEquals(0, store.count(canaryUser));
            assertEquals(20, store.count(ANN));
            assertFalse(filesContain(canaries), "no index file holds a canary after compact");
        }
    }

    private boolean filesContain(List<String> canaries) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (canaries.stream().anyMatch(bytes::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void should_leave_the_store_as_it_was_when_the_encoder_fails_mid_batch() {
        // given an encoder that fails on its third batch
        TextEncoder failing = new FailingOnCallEncoder(new FeatureHashingTextEncoder(16), 3);
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir, Optional.of(failing))) {
            List<HistoryItem> items = new ArrayList<>();
            for (int i = 0; i < 3 * LuceneHistoryStore.ENCODE_BATCH; i++) {
                items.add(item(ANN, "i" + i, "text " + i, i));
            }
            // when
            HydraException e = assertThrows(HydraException.class, () -> store.addAll(items));
            // then
            assertTrue(e.getMessage().contains(failing.id()) && e.getMessage().contains("nothing was stored"),
                    e.getMessage());
            assertEquals(0, store.count(ANN));
            assertEquals(List.of(), store.users());
        }
    }

    @Test
    void should_roll_back_a_write_whose_commit_fails() throws IOException {
        // given a directory whose fsync fails while armed
        AtomicBoolean failSync = new AtomicBoolean();
        Directory failing = new FilterDirectory(FSDirectory.open(dir)) {
            @Override
            public void sync(java.util.Collection<String> names) throws IOException {
                if (failSync.get()) {
                    throw new IOException("sync failure injected");
                }
                super.sync(names);
            }
        };
        try (LuceneHistoryStore store = new LuceneHistoryStore(failing, dir.toString(), Optional.empty())) {
            store.add(item(ANN, "kept", "kept", 1));
            failSync.set(true);
            // when
            HydraException e = assertThrows(HydraException.class,
                    () -> store.addAll(List.of(item(ANN, "lost1", "x", 2), item(BEN, "lost2", "y", 3))));
            failSync.set(false);
            // then the store is as it was, and usable
            assertTrue(e.getMessage().contains("as it was"), e.getMessage());
            assertEquals(List.of("kept"), store.list(ANN).stream().map(HistoryItem::id).toList());
            assertEquals(List.of(ANN), store.users());
            store.add(item(BEN, "after", "z", 4));
            assertEquals(1, store.count(BEN));
        }
    }

    @Test
    void should_refuse_to_open_an_index_with_another_encoder() {
        // given
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir, Optional.of(ENCODER))) {
            store.add(item(ANN, "a", "text", 1));
        }
        // when
        TextEncoder another = new FeatureHashingTextEncoder(32);
        CorruptDataException other = assertThrows(CorruptDataException.class,
                () -> LuceneHistoryStore.open(dir, Optional.of(another)));
        CorruptDataException none = assertThrows(CorruptDataException.class, () -> LuceneHistoryStore.open(dir));
        // then
        assertTrue(other.getMessage().contains(ENCODER.id()) && other.getMessage().contains(another.id()),
                other.getMessage());
        assertTrue(none.getMessage().contains("without an encoder"), none.getMessage());
    }

    @Test
    void should_refuse_a_directory_that_is_not_a_hydra_index() throws IOException {
        // given a Lucene index without Hydra's commit data
        try (var w = new org.apache.lucene.index.IndexWriter(FSDirectory.open(dir),
                new org.apache.lucene.index.IndexWriterConfig())) {
            w.commit();
        }
        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> LuceneHistoryStore.open(dir));
        // then
        assertTrue(e.getMessage().contains("not a Hydra history index"), e.getMessage());
    }

    @Test
    void should_serve_concurrent_writers_and_readers() throws Exception {
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                // given 4 writers of distinct users, each also reading its own items
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    UserId user = UserId.of("user" + t);
                    done.add(pool.submit(() -> {
                        int seen = 0;
                        for (int i = 0; i < 5; i++) {
                            store.add(item(user, "i" + i, "word" + i, i));
                            seen = store.count(user);
                            store.searchText(user, "word" + i, 3);
                        }
                        return seen;
                    }));
                }
                // when / then every writer saw its own writes
                for (Future<Integer> f : done) {
                    assertEquals(5, f.get());
                }
                assertEquals(4, store.users().size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void should_fail_clearly_once_closed() {
        // given
        LuceneHistoryStore store = LuceneHistoryStore.open(dir);
        store.close();
        // when
        RuntimeException e = assertThrows(RuntimeException.class, () -> store.count(ANN));
        // then
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}

package dev.hydra.retrievers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Okapi retriever keeps a user's statistics while the store's revision of the user stands, and only then. */
class Bm25OkapiCacheTest {

    private static final UserId ANN = UserId.of("ann");
    private static final UserId BEN = UserId.of("ben");

    @TempDir
    Path dir;

    @Test
    void should_list_a_user_once_until_the_users_items_change() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            LuceneHistoryStore store = spy(lucene);
            lucene.addAll(items(ANN, 50, 1));
            Bm25OkapiRetriever okapi = new Bm25OkapiRetriever("bm25-okapi", store, 1.5, 0.75, 0.25);
            Query query = new Query(ANN, "guitar strings review", "t");

            // when asked three times: listed once
            List<Scored<HistoryItem>> first = okapi.retrieve(query, 5);
            okapi.retrieve(query, 5);
            assertEquals(first, okapi.retrieve(query, 5));
            verify(store, times(1)).newest(ANN, HistoryStore.DEFAULT_WINDOW);
            assertEquals(50, okapi.cachedItems());

            // a new item of the user is seen at once
            HistoryItem exact = new HistoryItem("new", ANN, "zebra", "o", Instant.ofEpochSecond(9), Map.of());
            lucene.add(exact);
            Query zebra = new Query(ANN, "zebra", "t");
            assertEquals(exact, okapi.retrieve(zebra, 5).get(0).value());
            verify(store, times(2)).newest(ANN, HistoryStore.DEFAULT_WINDOW);

            // so is an item replaced under the same id, and the user forgotten
            HistoryItem replaced = new HistoryItem("new", ANN, "drum kit", "o", Instant.ofEpochSecond(9), Map.of());
            lucene.add(replaced);
            assertTrue(okapi.retrieve(zebra, 5).stream().noneMatch(s -> s.value().equals(exact)));
            lucene.forgetUser(ANN);
            assertEquals(List.of(), okapi.retrieve(query, 5));
            assertEquals(0, okapi.cachedItems(), "nothing of a forgotten user stays in memory");
        }
    }

    @Test
    void should_rank_as_without_the_cache_under_interleaved_writes() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            Bm25OkapiRetriever cached = new Bm25OkapiRetriever("bm25-okapi", lucene, 1.5, 0.75, 0.25);
            Bm25OkapiRetriever uncached = new Bm25OkapiRetriever("bm25-okapi", lucene, 1.5, 0.75, 0.25,
                    HistoryStore.DEFAULT_WINDOW, 0);
            Random random = new Random(7);
            lucene.addAll(items(ANN, 30, 2));
            lucene.addAll(items(BEN, 30, 3));
            for (int round = 0; round < 40; round++) {
                UserId user = random.nextBoolean() ? ANN : BEN;
                if (round % 5 == 4) {
                    lucene.add(new HistoryItem("w" + random.nextInt(8), user, words(random, 6), "o",
                            Instant.ofEpochSecond(round), Map.of()));
                }
                Query query = new Query(user, words(random, 4), "t");
                assertEquals(uncached.retrieve(query, 4), cached.retrieve(query, 4), "round " + round);
            }
            assertEquals(0, uncached.cachedItems());
        }
    }

    @Test
    void should_keep_at_most_its_bound_dropping_the_least_recently_asked() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            LuceneHistoryStore store = spy(lucene);
            lucene.addAll(items(ANN, 40, 4));
            lucene.addAll(items(BEN, 40, 5));
            Bm25OkapiRetriever okapi = new Bm25OkapiRetriever("bm25-okapi", store, 1.5, 0.75, 0.25,
                    HistoryStore.DEFAULT_WINDOW, 60);
            okapi.retrieve(new Query(ANN, "guitar", "t"), 3);
            okapi.retrieve(new Query(BEN, "guitar", "t"), 3); // ann's 40 + ben's 40 > 60: ann is dropped
            assertEquals(40, okapi.cachedItems());
            okapi.retrieve(new Query(BEN, "drums", "t"), 3);
            verify(store, times(1)).newest(BEN, HistoryStore.DEFAULT_WINDOW); // ben is kept
            okapi.retrieve(new Query(ANN, "drums", "t"), 3);
            verify(store, times(2)).newest(ANN, HistoryStore.DEFAULT_WINDOW); // ann was dropped
        }
    }

    @Test
    void should_list_every_time_from_a_store_without_revisions() {
        try (LuceneHistoryStore lucene = LuceneHistoryStore.open(dir)) {
            lucene.addAll(items(ANN, 10, 6));
            LuceneHistoryStore store = spy(lucene);
            doReturn(OptionalLong.empty()).when(store).revision(any());
            Bm25OkapiRetriever okapi = new Bm25OkapiRetriever("bm25-okapi", store, 1.5, 0.75, 0.25);
            okapi.retrieve(new Query(ANN, "guitar", "t"), 3);
            okapi.retrieve(new Query(ANN, "guitar", "t"), 3);
            verify(store, times(2)).newest(ANN, HistoryStore.DEFAULT_WINDOW);
            assertEquals(0, okapi.cachedItems());
        }
    }

    private static List<HistoryItem> items(UserId user, int n, long seed) {
        Random random = new Random(seed);
        List<HistoryItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new HistoryItem("i" + i, user, words(random, 8), "out " + i, Instant.ofEpochSecond(i), Map.of()));
        }
        return out;
    }

    private static String words(Random random, int n) {
        String[] vocabulary = {"guitar", "strings", "review", "drum", "kit", "sticks", "piano", "keys", "amp", "cable"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return s.toString();
    }
}

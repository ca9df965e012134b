package dev.hydra.retrievers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrieversTest {

    private static final UserId ANN = UserId.of("ann");
    private static final UserId BEN = UserId.of("ben");
    private static final TextEncoder ENCODER = new FeatureHashingTextEncoder(64);

    @TempDir
    Path dir;

    private LuceneHistoryStore store;

    @BeforeEach
    void fill() {
        store = LuceneHistoryStore.open(dir, Optional.of(ENCODER));
        store.addAll(List.of(
                item(ANN, "guitar", "new guitar strings sound bright", 1),
                item(ANN, "drums", "the drum kit arrived broken", 2),
                item(ANN, "piano", "a digital piano with weighted keys", 3),
                item(ANN, "cables", "cheap cables that crackle", 4),
                // another user with the very words of the queries
                item(BEN, "guitar", "guitar strings guitar strings bright", 5)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static HistoryItem item(UserId user, String id, String text, long second) {
        return new HistoryItem(id, user, text, "out", Instant.ofEpochSecond(second), Map.of());
    }

    private Retriever retriever(RetrieverProvider provider) {
        return provider.create(new RetrieverContext(store, Optional.of(ENCODER), Map.of()));
    }

    private static List<String> ids(List<Scored<HistoryItem>> got) {
        return got.stream().map(s -> s.value().id()).toList();
    }

    private static void assertContract(List<Scored<HistoryItem>> got, int m) {
        assertTrue(got.size() <= m, "at most m");
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i - 1).score() >= got.get(i).score(), "best first: " + got);
        }
        assertTrue(got.stream().allMatch(s -> s.value().userId().equals(ANN)), "only the asking user's items");
        assertEquals(got.size(), new TreeSet<>(ids(got)).size(), "no item twice");
    }

    @Test
    void should_be_discovered_by_name_through_the_service_loader() {
        // when
        PluginRegistry registry = PluginRegistry.fromServiceLoader(RetrieversTest.class.getClassLoader());
        // then
        Set<String> names = new TreeSet<>();
        for (String name : List.of("bm25", "bm25-okapi", "dense", "hybrid", "recency")) {
            names.add(registry.get(RetrieverProvider.class, name).name());
        }
        assertEquals(Set.of("bm25", "bm25-okapi", "dense", "hybrid", "recency"), names);
    }

    @Test
    void should_rank_the_matching_item_first_with_each_text_retriever() {
        for (RetrieverProvider provider : List.of(new Bm25RetrieverProvider(), new Bm25OkapiRetrieverProvider(),
                new DenseRetrieverProvider(), new HybridRetrieverProvider())) {
            // when
            List<Scored<HistoryItem>> got = retriever(provider).retrieve(new Query(ANN, "guitar strings", "t"), 3);
            // then
            assertContract(got, 3);
            assertEquals("guitar", ids(got).get(0), provider.name());
        }
    }

    @Test
    void should_return_the_newest_items_first_with_recency_over_any_store() {
        // given
        ListHistoryStore other = new ListHistoryStore();
        other.addAll(store.list(ANN));
        for (var s : List.of(store, other)) {
            // when
            List<Scored<HistoryItem>> got = new RecencyRetrieverProvider().create(RetrieverContext.of(s))
                    .retrieve(new Query(ANN, "anything", "t"), 2);
            // then
            assertEquals(List.of("cables", "piano"), ids(got), s.name());
            assertContract(got, 2);
        }
    }

    @Test
    void should_return_nothing_for_a_user_without_history_or_m_zero() {
        for (RetrieverProvider provider : List.of(new Bm25RetrieverProvider(), new Bm25OkapiRetrieverProvider(),
                new DenseRetrieverProvider(), new HybridRetrieverProvider(), new RecencyRetrieverProvider())) {
            Retriever r = retriever(provider);
            assertEquals(List.of(), r.retrieve(new Query(UserId.of("nobody"), "guitar", "t"), 5), provider.name());
            assertEquals(List.of(), r.retrieve(new Query(ANN, "guitar", "t"), 0), provider.name());
            assertThrows(IllegalArgumentException.class, () -> r.retrieve(new Query(ANN, "guitar", "t"), -1));
        }
    }

    @Test
    void should_fuse_both_rankings_in_hybrid() {
        // when: "keys" matches one item lexically; dense ranks every item
        List<Scored<HistoryItem>> got = retriever(new HybridRetrieverProvider())
                .retrieve(new Query(ANN, "weighted keys", "t"), 4);
        // then the item first in both lists scores 2 / (60 + 1)
        assertEquals("piano", ids(got).get(0));
        assertEquals(2.0 / 61, got.get(0).score(), 1e-12);
        assertEquals(4, got.size());
    }

    @Test
    void should_refuse_a_store_of_another_kind_for_lucene_retrievers() {
        // given
        RetrieverContext context = new RetrieverContext(new ListHistoryStore(), Optional.of(ENCODER), Map.of());
        for (RetrieverProvider provider : List.of(new Bm25RetrieverProvider(), new DenseRetrieverProvider(),
                new HybridRetrieverProvider())) {
            // when
            var e = assertThrows(IllegalArgumentException.class, () -> provider.create(context));
            // then
            String kind = provider instanceof DenseRetrieverProvider ? "VectorHistoryStore" : "LuceneHistoryStore";
            assertTrue(e.getMessage().contains(kind) && e.getMessage().contains("bm25-okapi"), e.getMessage());
        }
    }

    @Test
    void should_refuse_dense_without_an_encoder_or_with_another_one() {
        // when
        var none = assertThrows(IllegalArgumentException.class,
                () -> new DenseRetrieverProvider().create(RetrieverContext.of(store)));
        TextEncoder another = new FeatureHashingTextEncoder(32);
        var other = assertThrows(IllegalArgumentException.class, () -> new HybridRetrieverProvider().create(
                new RetrieverContext(store, Optional.of(another), Map.of())));
        // then
        assertTrue(none.getMessage().contains("needs a text encoder"), none.getMessage());
        assertTrue(other.getMessage().contains(another.id()) && other.getMessage().contains(ENCODER.id()),
                other.getMessage());
    }

    @Test
    void should_refuse_dense_over_a_store_without_vectors(@TempDir Path plain) {
        try (LuceneHistoryStore noVectors = LuceneHistoryStore.open(plain)) {
            var e = assertThrows(IllegalArgumentException.class, () -> new DenseRetrieverProvider()
                    .create(new RetrieverContext(noVectors, Optional.of(ENCODER), Map.of())));
            assertTrue(e.getMessage().contains("keeps none"), e.getMessage());
        }
    }

    @Test
    void should_read_bm25_okapi_options_and_reject_bad_ones() {
        // given b = 0: no length normalization
        Retriever noLength = new Bm25OkapiRetrieverProvider().create(
                new RetrieverContext(store, Optional.empty(), Map.of("b", "0", "k1", "1.2")));
        // when
        List<Scored<HistoryItem>> got = noLength.retrieve(new Query(ANN, "guitar", "t"), 1);
        // then: idf(guitar) over 4 items with n=1 is ln(3.5/1.5); tf 1, no length norm: idf * 2.2 / 2.2
        assertEquals(Math.log(3.5 / 1.5), got.get(0).score(), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> new Bm25OkapiRetrieverProvider()
                .create(new RetrieverContext(store, Optional.empty(), Map.of("k1", "fast"))));
        assertTrue(e.getMessage().contains("k1"), e.getMessage());
    }
}

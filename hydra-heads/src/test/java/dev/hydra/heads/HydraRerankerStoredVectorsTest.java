package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.TestCorpora;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The reranker takes the vectors a store computed at ingest and encodes only what the store cannot give. */
class HydraRerankerStoredVectorsTest {

    private final FeatureHashingTextEncoder hashing = KitScorers.ENCODER;
    private final RecordingEncoder encoder = new RecordingEncoder(hashing);
    private final List<HistoryItem> items = TestCorpora.itemsOf(TestCorpora.small(), TestCorpora.ALICE);
    private final List<Scored<HistoryItem>> candidates = scored(items);
    private final Query query = new Query(TestCorpora.ALICE, "a trip to the mountains", "kit");

    @Test
    void should_encode_only_the_query_when_the_store_holds_every_items_vector() {
        // given a store with the vectors of the reranker's encoder
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder)
                .withStoredVectors(VectorStore.of(items, hashing.id(), this::vector));
        List<Scored<HistoryItem>> expected = new HydraReranker(KitScorers.reranker(), hashing).rerank(query, candidates,
                4);

        // when
        List<Scored<HistoryItem>> reranked = reranker.rerank(query, candidates, 4);

        // then: one text encoded, the query; no item
        assertEquals(List.of(query.text()), encoder.texts);
        assertEquals(expected, reranked);
    }

    @Test
    void should_encode_the_items_the_store_has_no_vector_for() {
        // given a store that holds the vectors of every other item
        List<HistoryItem> half = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            half.add(items.get(i));
        }
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder)
                .withStoredVectors(VectorStore.of(half, hashing.id(), this::vector));
        List<Scored<HistoryItem>> expected = new HydraReranker(KitScorers.reranker(), hashing).rerank(query, candidates,
                4);

        // when
        List<Scored<HistoryItem>> reranked = reranker.rerank(query, candidates, 4);

        // then: the query and the odd items, in one call
        List<String> wanted = new ArrayList<>(List.of(query.text()));
        for (int i = 1; i < items.size(); i += 2) {
            wanted.add(items.get(i).retrievalText());
        }
        assertEquals(wanted, encoder.texts);
        assertEquals(1, encoder.calls);
        assertEquals(expected, reranked);
    }

    @Test
    void should_encode_every_item_when_the_stores_vectors_come_from_another_encoder() {
        // given a store whose vectors are of another encoder: the store must not hand them out
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder)
                .withStoredVectors(VectorStore.of(items, "another-encoder@1", t -> new float[hashing.dimension()]));

        // when
        reranker.rerank(query, candidates, 4);

        // then
        assertEquals(items.size() + 1, encoder.texts.size());
    }

    @Test
    void should_encode_items_whose_stored_vector_has_another_dimension() {
        // given a faulty store that hands out vectors of the wrong length
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder)
                .withStoredVectors(VectorStore.of(items, hashing.id(), t -> new float[3]));
        List<Scored<HistoryItem>> expected = new HydraReranker(KitScorers.reranker(), hashing).rerank(query, candidates,
                4);

        // when
        List<Scored<HistoryItem>> reranked = reranker.rerank(query, candidates, 4);

        // then
        assertEquals(items.size() + 1, encoder.texts.size());
        assertEquals(expected, reranked);
    }

    @Test
    void should_encode_every_item_with_a_store_that_keeps_no_vectors() {
        // given a store that keeps the SPI's default: no vectors
        InMemoryHistoryStore plain = new InMemoryHistoryStore();
        plain.addAll(items);
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder).withStoredVectors(plain);

        // when
        reranker.rerank(query, candidates, 4);

        // then
        assertEquals(items.size() + 1, encoder.texts.size());
    }

    @Test
    void should_fail_clearly_when_the_store_breaks_its_contract() {
        // given a store that returns fewer entries than items
        HistoryStore broken = new VectorStore(Map.of(), hashing.id()) {
            @Override
            public List<Optional<float[]>> storedVectors(List<HistoryItem> asked, String encoderId) {
                return List.of(Optional.empty());
            }
        };
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder).withStoredVectors(broken);

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reranker.rerank(query, candidates, 4));

        // then
        assertEquals("history store vectors returned 1 entries for the vectors of " + items.size() + " items",
                e.getMessage());
        assertThrows(NullPointerException.class, () -> reranker.withStoredVectors(null));
    }

    @Test
    void should_keep_only_items_it_was_given_with_stored_vectors() {
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder)
                .withStoredVectors(VectorStore.of(items, hashing.id(), this::vector));
        List<Scored<HistoryItem>> kept = reranker.rerank(query, candidates, 3);
        assertEquals(3, kept.size());
        assertTrue(kept.stream().allMatch(s -> items.contains(s.value())));
        assertEquals(1, encoder.calls);
        assertEquals(List.of(), reranker.rerank(query, candidates, 0));
        assertEquals(1, encoder.calls, "k = 0 encodes nothing");
    }

    private float[] vector(String text) {
        return hashing.encode(List.of(text))[0];
    }

    private static List<Scored<HistoryItem>> scored(List<HistoryItem> items) {
        List<Scored<HistoryItem>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(new Scored<>(items.get(i), 10.0 - i));
        }
        return out;
    }

    /** A store that keeps given vectors of one encoder, as the Lucene store keeps those computed at ingest. */
    private static class VectorStore implements HistoryStore {
        private final InMemoryHistoryStore items = new InMemoryHistoryStore();
        private final Map<HistoryItem, float[]> vectors;
        private final String encoderId;

        VectorStore(Map<HistoryItem, float[]> vectors, String encoderId) {
            this.vectors = vectors;
            this.encoderId = encoderId;
            items.addAll(vectors.keySet());
        }

        static VectorStore of(List<HistoryItem> items, String encoderId, Function<String, float[]> encode) {
            Map<HistoryItem, float[]> vectors = new HashMap<>();
            items.forEach(i -> vectors.put(i, encode.apply(i.retrievalText())));
            return new VectorStore(vectors, encoderId);
        }

        @Override
        public List<Optional<float[]>> storedVectors(List<HistoryItem> asked, String wanted) {
            return asked.stream().map(i -> wanted.equals(encoderId)
                    ? Optional.ofNullable(vectors.get(i)).map(float[]::clone) : Optional.<float[]>empty()).toList();
        }

        @Override
        public String name() {
            return "vectors";
        }

        @Override
        public void add(HistoryItem item) {
            items.add(item);
        }

        @Override
        public void addAll(Collection<HistoryItem> more) {
            items.addAll(more);
        }

        @Override
        public Optional<HistoryItem> get(UserId user, String itemId) {
            return items.get(user, itemId);
        }

        @Override
        public List<HistoryItem> list(UserId user) {
            return items.list(user);
        }

        @Override
        public int count(UserId user) {
            return items.count(user);
        }

        @Override
        public List<UserId> users() {
            return items.users();
        }

        @Override
        public int forgetUser(UserId user) {
            return items.forgetUser(user);
        }

        @Override
        public void close() {
            items.close();
        }
    }
}

package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.testkit.TestCorpora;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SPI-facing classes: precomputed vectors give what encoding gives; misconfiguration is refused. */
class HydraRerankerTest {

    private final FeatureHashingTextEncoder encoder = KitScorers.ENCODER;

    @Test
    void should_rerank_precomputed_vectors_as_it_reranks_texts() {
        // given
        HydraReranker reranker = new HydraReranker(KitScorers.reranker(), encoder);
        List<HistoryItem> items = TestCorpora.itemsOf(TestCorpora.small(), TestCorpora.ALICE);
        List<Scored<HistoryItem>> candidates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            candidates.add(new Scored<>(items.get(i), 10.0 - i));
        }
        Query query = new Query(TestCorpora.ALICE, "a trip to the mountains", "kit");
        float[][] vectors = encoder.encode(items.stream().map(HistoryItem::retrievalText).toList());

        // when
        List<Scored<HistoryItem>> fromTexts = reranker.rerank(query, candidates, 4);
        List<Scored<HistoryItem>> fromVectors = reranker.rerank(query, encoder.encode(List.of(query.text()))[0],
                candidates, vectors, 4);

        // then
        assertEquals(fromTexts, fromVectors);
        assertEquals(4, fromTexts.size());
    }

    @Test
    void should_score_precomputed_candidate_vectors_as_it_scores_texts() {
        // given
        HydraAdapter adapter = new HydraAdapter(KitScorers.adapter(), encoder);
        List<Candidate> candidates = List.of(new Candidate("yes", 0), new Candidate("no", 1), new Candidate("", 2));
        Query query = new Query(TestCorpora.BOB, "is it raining", "kit");

        // when
        List<Scored<Candidate>> fromTexts = adapter.score(query, candidates);
        List<Scored<Candidate>> fromVectors = adapter.score(query, encoder.encode(List.of(query.text()))[0],
                candidates, encoder.encode(candidates.stream().map(Candidate::text).toList()));

        // then
        assertEquals(fromTexts, fromVectors);
    }

    @Test
    void should_refuse_a_scorer_that_does_not_fit() {
        // given
        FeatureHashingTextEncoder other = new FeatureHashingTextEncoder(encoder.dimension() + 1);

        // when / then
        assertThrows(IllegalArgumentException.class, () -> new HydraReranker(KitScorers.reranker(), other));
        assertThrows(IllegalArgumentException.class, () -> new HydraReranker(KitScorers.adapter(), encoder));
        assertThrows(IllegalArgumentException.class, () -> new HydraAdapter(KitScorers.reranker(), encoder));
    }
}

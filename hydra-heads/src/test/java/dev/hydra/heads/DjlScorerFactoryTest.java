package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.Reranker;
import dev.hydra.core.encoder.CachingTextEncoder;
import dev.hydra.testkit.TestCorpora;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reranker and adapter of one factory encode a request's query once between them. */
class DjlScorerFactoryTest {

    @TempDir
    Path dir;

    private final RecordingEncoder encoder = new RecordingEncoder(new FeatureHashingTextEncoder(16));

    @Test
    void should_encode_a_query_once_for_the_reranker_and_the_adapter() {
        // given: a reranker and an adapter from one factory over a plain encoder
        DjlScorerFactory factory = new DjlScorerFactory(encoder, new FileHeadStore(dir));
        Reranker reranker = factory.create(HeadStore.RERANKER, 1).asReranker();
        Adapter adapter = factory.create(HeadStore.ADAPTER, 1).asAdapter();
        Query query = new Query(TestCorpora.BOB, "winter summer rain", "chat");

        // when: one request's rerank, then its adapter
        reranker.rerank(query, candidates(), 2);
        adapter.score(query, List.of(new Candidate("one answer", 0), new Candidate("another answer", 1)));

        // then
        assertEquals(1, encoder.count(query.text()), encoder.texts.toString());
        assertEquals(1, encoder.count("one answer"));
    }

    @Test
    void should_rerank_as_the_same_scorer_over_the_plain_encoder() {
        // given: the factory's reranker, and one over the plain encoder with a scorer made as the factory makes it
        Reranker viaFactory = new DjlScorerFactory(encoder, new FileHeadStore(dir.resolve("a")))
                .create(HeadStore.RERANKER, 1).asReranker();
        Reranker direct = new HydraReranker(PersonalizedScorer.create(ScorerConfig.defaults(16,
                HydraReranker.EXTRA_FEATURES), new FileHeadStore(dir.resolve("b")), HeadStore.RERANKER, 1), encoder);
        Query query = new Query(TestCorpora.BOB, "winter summer rain", "chat");

        // when / then: twice, the second time from the shared vectors
        List<Scored<HistoryItem>> expected = direct.rerank(query, candidates(), 3);
        assertEquals(expected, viaFactory.rerank(query, candidates(), 3));
        assertEquals(expected, viaFactory.rerank(query, candidates(), 3));
    }

    @Test
    void should_share_a_caching_encoder_as_it_is() {
        // given: a factory over an encoder that caches already
        CachingTextEncoder caching = new CachingTextEncoder(encoder, 100);
        Reranker reranker = new DjlScorerFactory(caching, new FileHeadStore(dir)).create(HeadStore.RERANKER, 1)
                .asReranker();
        Query query = new Query(TestCorpora.BOB, "winter summer rain", "chat");

        // when
        reranker.rerank(query, candidates(), 2);
        reranker.rerank(query, candidates(), 2);

        // then: the second rerank was served by that cache, not by a second one in front of it
        assertEquals(1 + candidates().size(), caching.misses());
        assertEquals(1 + candidates().size(), caching.hits());
    }

    @Test
    void should_keep_an_isolated_scorers_heads_to_itself() {
        // given: two fold scorers of one factory, trained on different queries of the same users
        FileHeadStore modelHeads = new FileHeadStore(dir);
        DjlScorerFactory factory = new DjlScorerFactory(encoder, modelHeads);
        dev.hydra.core.training.TrainableScorer fold0 = factory.isolated().create(HeadStore.ADAPTER, 1);
        dev.hydra.core.training.TrainableScorer fold1 = factory.isolated().create(HeadStore.ADAPTER, 2);
        Query query = new Query(TestCorpora.BOB, "query about topic 1", "chat");
        List<Candidate> pool = List.of(new Candidate("item 1 0", 0), new Candidate("item 1 1", 1),
                new Candidate("item 1 2", 2));
        fold0.train(pairs(0), 1, dev.hydra.core.training.ProgressListener.NONE);
        List<Scored<Candidate>> before = fold0.asAdapter().score(query, pool);

        // when: the second fold trains heads for the same users
        fold1.train(pairs(1), 2, dev.hydra.core.training.ProgressListener.NONE);

        // then: the first scores with its own heads still, and neither wrote into the model's store
        assertEquals(before, fold0.asAdapter().score(query, pool));
        assertEquals(List.of(), modelHeads.users(HeadStore.ADAPTER));
    }

    /** Six queries of bob's and ann's, shifted by {@code shift}: the two folds label different items. */
    private static List<dev.hydra.core.training.LabeledPair> pairs(int shift) {
        List<dev.hydra.core.training.LabeledPair> out = new java.util.ArrayList<>();
        for (dev.hydra.api.UserId user : List.of(TestCorpora.BOB, TestCorpora.ALICE)) {
            for (int q = 0; q < 6; q++) {
                for (int i = 0; i < 3; i++) {
                    out.add(new dev.hydra.core.training.LabeledPair(user, "q" + q, "query about topic " + q,
                            "item " + q + " " + i, 0, i, i == (q + shift) % 3));
                }
            }
        }
        return out;
    }

    private static List<Scored<HistoryItem>> candidates() {
        List<HistoryItem> bob = TestCorpora.itemsOf(TestCorpora.small(), TestCorpora.BOB);
        return bob.stream().limit(5).map(i -> new Scored<>(i, 1.0)).toList();
    }
}

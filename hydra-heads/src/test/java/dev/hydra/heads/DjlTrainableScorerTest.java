package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.core.training.LabeledPair;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.core.training.TrainableScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user keeps the shared head unless they have enough queries with something to learn. */
class DjlTrainableScorerTest {

    private static final UserId ANN = UserId.of("ann");

    @TempDir
    Path dir;

    private static List<LabeledPair> pairs(UserId user, int queries, boolean bothLabels) {
        List<LabeledPair> out = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            for (int i = 0; i < 4; i++) {
                out.add(new LabeledPair(user, "q" + q, "query about topic " + q, "item " + q + " " + i, 0, i,
                        bothLabels ? i == q % 4 : false));
            }
        }
        return out;
    }

    @Test
    void should_keep_the_shared_head_for_a_user_with_too_few_queries_or_one_label_value() {
        // given: a stale head the user had before
        FileHeadStore heads = new FileHeadStore(dir);
        TrainableScorer scorer = new DjlScorerFactory(new FeatureHashingTextEncoder(16), heads)
                .create(HeadStore.ADAPTER, 1);
        scorer.train(pairs(UserId.of("bob"), 4, true), 1, ProgressListener.NONE);
        ScorerConfig config = ScorerConfig.defaults(16, 0);
        heads.save(ANN, HeadStore.ADAPTER,
                new HeadParameters(config.headLabel(), new float[config.headParameterCount()]));

        // when: two queries only, then many queries whose pairs are all negative
        boolean fewQueries = scorer.fit(ANN, pairs(ANN, 2, true), 1);
        boolean oneLabel = scorer.fit(ANN, pairs(ANN, 8, false), 1);

        // then: no head of their own, and the stale one is gone
        assertFalse(fewQueries);
        assertFalse(oneLabel);
        assertTrue(heads.load(ANN, HeadStore.ADAPTER).isEmpty());
    }

    @Test
    void should_drop_the_queries_whose_pairs_share_one_label() {
        List<LabeledPair> mixed = new ArrayList<>(pairs(ANN, 2, true));
        mixed.addAll(pairs(UserId.of("bob"), 1, false));
        List<LabeledPair> kept = DjlTrainableScorer.withBothLabels(mixed);
        assertEquals(8, kept.size());
        assertTrue(kept.stream().allMatch(p -> p.user().equals(ANN)));
    }

    /** Queries of six items, two of whose answers differ from the other four; the four are the positives. */
    private static List<LabeledPair> majorityPairs(UserId user, int queries, Random random) {
        List<LabeledPair> out = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            List<Integer> ranks = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
            Collections.shuffle(ranks, random);
            for (int i = 0; i < 6; i++) {
                String output = i < 4 ? "label " + q % 3 : "other " + i;
                out.add(new LabeledPair(user, "q" + q, "query " + random.nextInt(1000),
                        "item " + random.nextInt(100000),
                        1.0, ranks.get(i), i < 4, output));
            }
        }
        return out;
    }

    @Test
    void should_learn_from_the_items_answers_which_items_to_put_first() {
        // given: a listwise reranker that sees the answers, trained on queries whose positives are the items that
        // share the list's majority answer (texts and ranks say nothing)
        Random random = new Random(5);
        List<LabeledPair> pairs = new ArrayList<>();
        for (String name : List.of("u1", "u2", "u3", "u4")) {
            pairs.addAll(majorityPairs(UserId.of(name), 40, random));
        }
        DjlScorerFactory factory = new DjlScorerFactory(new FeatureHashingTextEncoder(16), new FileHeadStore(dir))
                .withObjective(TrainingObjective.LISTWISE).withRerankerAnswers(true);
        TrainableScorer scorer = factory.create(HeadStore.RERANKER, 3);
        scorer.train(pairs, 3, ProgressListener.NONE);

        // when: a new user's list, the majority answer at ranks 2, 3, 4 and 5
        UserId carol = UserId.of("carol");
        List<String> outputs = List.of("odd one", "another", "drama", "drama", "drama", "drama");
        List<Scored<HistoryItem>> candidates = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            candidates.add(new Scored<>(HistoryItem.of("c" + i, carol, "text " + i * 7919, outputs.get(i)), 1.0));
        }
        List<Scored<HistoryItem>> top = scorer.asReranker().rerank(new Query(carol, "a query", "kit"), candidates, 4);

        // then
        assertTrue(top.stream().allMatch(s -> s.value().output().equals("drama")), top.toString());
        assertEquals("listwise", factory.describe().get("objective"));
        assertEquals("3", factory.describe().get("reranker_extras"));
    }

    @Test
    void should_describe_the_default_choices_as_models_before_them_were_described() {
        DjlScorerFactory factory = new DjlScorerFactory(new FeatureHashingTextEncoder(16), new FileHeadStore(dir));
        assertFalse(factory.describe().containsKey("objective"));
        assertFalse(factory.describe().containsKey("reranker_extras"));
        assertEquals(factory.describe(), factory.withObjective(TrainingObjective.POINTWISE).withRerankerAnswers(false)
                .describe());
    }
}

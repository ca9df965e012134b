package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.core.training.LabeledPair;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.core.training.TrainableScorer;
import dev.hydra.testkit.HashingTextEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        TrainableScorer scorer = new DjlScorerFactory(new HashingTextEncoder(16), heads).create(HeadStore.ADAPTER, 1);
        scorer.train(pairs(UserId.of("bob"), 4, true), 1, ProgressListener.NONE);
        ScorerConfig config = ScorerConfig.defaults(16, 0);
        heads.save(ANN, HeadStore.ADAPTER, new HeadParameters(config.headLabel(), new float[config.headParameterCount()]));

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
}

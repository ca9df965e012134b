package dev.hydra.heads;

import dev.hydra.heads.SyntheticPreferences.UserData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Shared helpers of the scorer tests: small dimensions, so the module's tests stay fast on two cores. */
final class Fixtures {

    static final int DIM = 12;

    private Fixtures() {}

    static ScorerConfig config(String kind) {
        return new ScorerConfig(DIM, 2, List.of(48, 24), kind, 8);
    }

    static List<PairExample> train(List<UserData> users) {
        List<PairExample> out = new ArrayList<>();
        users.forEach(u -> out.addAll(u.train()));
        return out;
    }

    /** The mean over users of the AUC of their held-out pairs, scored one pair at a time. */
    static double meanAuc(List<UserData> users, Function<PairExample, Double> score) {
        double sum = 0;
        for (UserData u : users) {
            double[] scores = u.test().stream().mapToDouble(score::apply).toArray();
            int[] labels = u.test().stream().mapToInt(PairExample::label).toArray();
            sum += SyntheticPreferences.auc(scores, labels);
        }
        return sum / users.size();
    }

    static double personal(PersonalizedScorer scorer, PairExample e) {
        return scorer.score(e.user(), e.query(), new float[][] {e.item()}, new float[][] {e.extras()})[0];
    }

    static double shared(PersonalizedScorer scorer, PairExample e) {
        return scorer.scoreShared(e.query(), new float[][] {e.item()}, new float[][] {e.extras()})[0];
    }
}

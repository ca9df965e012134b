package dev.hydra.example.plugin;

import dev.hydra.api.UserId;
import dev.hydra.heads.PairExample;
import dev.hydra.heads.PairFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded training pairs for this plugin's tests, as a plugin author would write them: every user likes items along
 * a private direction on top of a direction all users share, so that a base learns the shared part and only a
 * per-user head learns the rest. Labels are 1 where {@code sqrt(D) * (g·d + 1.5 p_u·d) + noise(0.3)} is positive.
 */
final class TastePairs {

    /**
     * One user's pairs.
     *
     * @param user the user
     * @param train the pairs to train on
     * @param test the held-out pairs
     */
    record UserData(UserId user, List<PairExample> train, List<PairExample> test) {}

    private final int dim;
    private final Random random;
    private final float[] shared;

    TastePairs(int dim, long seed) {
        this.dim = dim;
        this.random = new Random(seed);
        this.shared = unit();
    }

    List<UserData> users(int count, String prefix, int trainQueries, int testQueries, int itemsPerQuery) {
        List<UserData> out = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            UserId user = UserId.of(prefix + u);
            float[] taste = unit();
            List<PairExample> train = new ArrayList<>();
            List<PairExample> test = new ArrayList<>();
            for (int q = 0; q < trainQueries + testQueries; q++) {
                float[] query = unit();
                for (int i = 0; i < itemsPerQuery; i++) {
                    float[] item = unit();
                    double utility = Math.sqrt(dim) * (dot(shared, item) + 1.5 * dot(taste, item))
                            + 0.3 * random.nextGaussian();
                    float[] extras = PairFeatures.rerankerExtras(dot(query, item), 1, i);
                    (q < trainQueries ? train : test)
                            .add(new PairExample(user, query, item, extras, utility > 0 ? 1 : 0, user + "/" + q));
                }
            }
            out.add(new UserData(user, List.copyOf(train), List.copyOf(test)));
        }
        return out;
    }

    /** The area under the ROC curve of scores against 0/1 labels, ties counted half. */
    static double auc(double[] scores, int[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? 0.5 : wins / pairs;
    }

    private float[] unit() {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

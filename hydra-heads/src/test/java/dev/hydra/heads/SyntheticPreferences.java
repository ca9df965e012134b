package dev.hydra.heads;

import dev.hydra.api.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic task for the tests of the scorers: every user prefers items along a private
 * direction, on top of a quality signal shared by all users and the item's closeness to the query.
 *
 * <p>Vectors are random unit vectors of dimension {@code D}. Each user's private direction {@code p_u} is a
 * random mix of 6 topic directions shared by all users (as real users prefer mixes of topics). For user
 * {@code u}, shared quality direction {@code g}, query {@code q} and item {@code d}, the latent utility is
 * {@code sqrt(D) * (1.0 g·d + 1.5 p_u·d + 0.5 q·d) + noise(0.3)}, and the label is 1 when it is positive. A
 * base alone can learn {@code g} and {@code q}; only a per-user head can learn {@code p_u}. With
 * {@code extras = 2} each pair carries the reranker's extra features (the cosine to the query relative to the
 * best of its query's items, and the reciprocal rank by that cosine).
 *
 * <p>A test fixture, not API: the heads benchmark ({@code hydra bench heads}) runs on a copy in hydra-eval,
 * {@code dev.hydra.eval.bench.SyntheticPreferences}, which this module's tests cannot see (hydra-eval depends
 * on hydra-heads). Keep the two generating the same data.
 */
final class SyntheticPreferences {

    /**
     * One user's pairs.
     *
     * @param user the user
     * @param train the pairs of the first queries
     * @param test the pairs of the last queries (held out)
     */
    record UserData(UserId user, List<PairExample> train, List<PairExample> test) {}

    private static final int TOPICS = 6;

    private final int dim;
    private final int extras;
    private final Random random;
    private final float[] quality;
    private final float[][] topics;

    private SyntheticPreferences(int dim, int extras, long seed) {
        if (dim < 2 || (extras != 0 && extras != 2)) {
            throw new IllegalArgumentException("dim must be >= 2 and extras 0 or 2, were " + dim + ", " + extras);
        }
        this.dim = dim;
        this.extras = extras;
        this.random = new Random(seed);
        this.quality = unit();
        this.topics = new float[TOPICS][];
        for (int i = 0; i < TOPICS; i++) {
            topics[i] = unit();
        }
    }

    /**
     * Creates a generator; all users made by one generator share its quality direction.
     *
     * @param dim the vector dimension, at least 2
     * @param extras 0, or 2 for the reranker's extra features
     * @param seed the seed of everything generated
     * @return the generator
     */
    static SyntheticPreferences of(int dim, int extras, long seed) {
        return new SyntheticPreferences(dim, extras, seed);
    }

    /**
     * Makes users.
     *
     * @param count the number of users
     * @param prefix the prefix of their ids (ids are {@code prefix + index})
     * @param trainQueries the queries per user whose pairs are for training
     * @param testQueries the queries per user whose pairs are held out
     * @param itemsPerQuery the items per query
     * @return the users, in order
     */
    List<UserData> users(int count, String prefix, int trainQueries, int testQueries, int itemsPerQuery) {
        List<UserData> out = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            UserId user = UserId.of(prefix + u);
            float[] taste = taste();
            List<PairExample> train = new ArrayList<>();
            List<PairExample> test = new ArrayList<>();
            for (int q = 0; q < trainQueries + testQueries; q++) {
                (q < trainQueries ? train : test).addAll(query(user, taste, itemsPerQuery));
            }
            out.add(new UserData(user, List.copyOf(train), List.copyOf(test)));
        }
        return out;
    }

    private List<PairExample> query(UserId user, float[] taste, int items) {
        float[] q = unit();
        float[][] d = new float[items][];
        double[] cos = new double[items];
        for (int i = 0; i < items; i++) {
            // items lean towards their query, as retrieved items do
            float[] v = unit();
            for (int j = 0; j < dim; j++) {
                v[j] += 0.5f * q[j];
            }
            d[i] = normalize(v);
            cos[i] = dot(q, d[i]);
        }
        double best = Arrays.stream(cos).max().orElse(1);
        List<PairExample> out = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            double s = Math.sqrt(dim) * (1.0 * dot(quality, d[i]) + 1.5 * dot(taste, d[i]) + 0.5 * (cos[i] - 0.45))
                    + 0.3 * random.nextGaussian();
            float[] extra = new float[0];
            if (extras == 2) {
                int rank = 0;
                for (double c : cos) {
                    rank += c > cos[i] ? 1 : 0;
                }
                extra = PairFeatures.rerankerExtras(cos[i], best, rank);
            }
            out.add(new PairExample(user, q, d[i], extra, s > 0 ? 1 : 0));
        }
        return out;
    }

    /**
     * The area under the ROC curve of scores against labels (ties count half).
     *
     * @param scores the scores
     * @param labels the labels, 0 or 1
     * @return the AUC, or 0.5 when one class is missing
     */
    static double auc(double[] scores, int[] labels) {
        long pos = 0;
        long neg = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            pos++;
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] == 0) {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        for (int label : labels) {
            neg += label == 0 ? 1 : 0;
        }
        return pos == 0 || neg == 0 ? 0.5 : wins / (pos * neg);
    }

    /** A private direction: a random mix of the shared topics, as real users prefer mixes of topics. */
    private float[] taste() {
        float[] v = new float[dim];
        for (float[] topic : topics) {
            float w = (float) random.nextGaussian();
            for (int j = 0; j < dim; j++) {
                v[j] += w * topic[j];
            }
        }
        return normalize(v);
    }

    private float[] unit() {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalize(v);
    }

    private static float[] normalize(float[] v) {
        double n = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) n;
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

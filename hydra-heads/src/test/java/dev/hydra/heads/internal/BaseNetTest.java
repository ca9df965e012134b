package dev.hydra.heads.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The base's batched forward pass gives each pair's one-by-one outputs, bit for bit. */
class BaseNetTest {

    private static final int QUERY_BLOCK = 6;
    private static final int INPUTS = 4 * QUERY_BLOCK + 2;

    private final BaseNet base = BaseNet.init(INPUTS, List.of(10, 5), new Random(3));

    @Test
    void should_give_the_one_by_one_outputs_for_every_count_of_pairs() {
        Random random = new Random(7);
        for (int n = 0; n <= 9; n++) {
            // given: n pairs of one query
            float[][] features = pairs(n, random);
            float[] queryPart = base.queryPart(features.length == 0 ? pair(random) : features[0], QUERY_BLOCK);

            // when
            float[][] batched = base.forward(features, queryPart, QUERY_BLOCK);

            // then
            assertEquals(n, batched.length);
            for (int k = 0; k < n; k++) {
                assertArrayEquals(base.forward(features[k], 0, queryPart, QUERY_BLOCK), batched[k],
                        "pair " + k + " of " + n);
            }
        }
    }

    @Test
    void should_skip_zero_inputs_as_the_one_by_one_pass_does() {
        // given: 8 pairs, one with a zero input, one with a -0, and an infinite weight on each of those inputs:
        // skipped, the input adds nothing; multiplied, 0 * inf would make that pair's outputs NaN
        Random random = new Random(11);
        float[][] features = pairs(8, random);
        features[1][QUERY_BLOCK + 2] = 0f;
        features[6][INPUTS - 1] = -0f;
        Linear first = base.layers().get(0);
        first.w()[(QUERY_BLOCK + 2) * first.out()] = Float.POSITIVE_INFINITY;
        first.w()[(INPUTS - 1) * first.out() + 1] = Float.NEGATIVE_INFINITY;
        float[] queryPart = base.queryPart(features[0], QUERY_BLOCK);

        // when
        float[][] batched = base.forward(features, queryPart, QUERY_BLOCK);

        // then
        for (int k = 0; k < features.length; k++) {
            assertArrayEquals(base.forward(features[k], 0, queryPart, QUERY_BLOCK), batched[k], "pair " + k);
        }
    }

    private static float[][] pairs(int n, Random random) {
        float[] query = pair(random);
        float[][] out = new float[n][];
        for (int k = 0; k < n; k++) {
            out[k] = pair(random);
            System.arraycopy(query, 0, out[k], 0, QUERY_BLOCK);
        }
        return out;
    }

    private static float[] pair(Random random) {
        float[] f = new float[INPUTS];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) random.nextGaussian();
        }
        return f;
    }
}

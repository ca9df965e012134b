package dev.hydra.postgres.internal;

import dev.hydra.api.HistoryItem;
import java.util.List;

/**
 * One user's items with their vectors, as of one revision of the user.
 *
 * @param revision the user's revision these were read at
 * @param items the items that have a vector
 * @param vectors their vectors, in the items' order, scaled to unit length (zero vectors stay zero)
 */
public record UserVectors(long revision, List<HistoryItem> items, float[][] vectors) {

    /**
     * Scales a vector to unit length, in place.
     *
     * @param v the vector
     * @return the same array
     */
    public static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }
}

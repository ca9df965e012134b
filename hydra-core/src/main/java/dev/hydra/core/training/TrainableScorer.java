package dev.hydra.core.training;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.Reranker;
import java.nio.file.Path;
import java.util.List;

/**
 * A personalized scorer that training can fit: a shared base plus a head per user. hydra-heads implements it
 * on DJL; the trainer in this package drives it without knowing how it computes.
 *
 * @since 0.1
 */
public interface TrainableScorer extends AutoCloseable {

    /**
     * Trains the base and the heads of the users in the pairs jointly, and the shared default head that serves
     * users without a head of their own.
     *
     * @param pairs the labeled pairs of the training users
     * @param seed the seed; the same pairs and seed give the same weights
     * @param progress hears how far training has come
     */
    void train(List<LabeledPair> pairs, long seed, ProgressListener progress);

    /**
     * Fits a fresh head for one user with the base frozen, and stores it when it beats the shared default head
     * on the user's held-out queries; a user with too few queries, or whose pairs carry a single label value,
     * keeps the default head.
     *
     * @param user the user
     * @param pairs that user's labeled pairs, made from their own history only
     * @param seed the seed
     * @return true when the user now has a head of their own, false when the default head serves them
     */
    boolean fit(UserId user, List<LabeledPair> pairs, long seed);

    /**
     * This scorer as the pipeline's reranker.
     *
     * @return a reranker backed by this scorer
     */
    Reranker asReranker();

    /**
     * This scorer as the pipeline's adapter.
     *
     * @return an adapter backed by this scorer
     */
    Adapter asAdapter();

    /**
     * Writes the base and the default head into a directory (the heads live in the head store).
     *
     * @param dir the directory, created if missing
     */
    void save(Path dir);

    /** Frees native memory. */
    @Override
    void close();

    /** Makes and loads scorers of one implementation. */
    interface Factory {

        /**
         * A fresh, untrained scorer.
         *
         * @param module {@code "reranker"} or {@code "adapter"}
         * @param seed the initialization seed
         * @return the scorer
         */
        TrainableScorer create(String module, long seed);

        /**
         * Loads a saved scorer.
         *
         * @param dir the directory {@link #save} wrote
         * @param module {@code "reranker"} or {@code "adapter"}
         * @return the scorer
         * @throws dev.hydra.api.CorruptDataException when the directory's files are damaged or foreign
         */
        TrainableScorer load(Path dir, String module);

        /**
         * What a model manifest records of this implementation: the encoder's id and dimension, the head kind,
         * the network sizes, so that a model is never loaded with another encoder.
         *
         * @return name to value, stable across runs
         */
        java.util.Map<String, String> describe();

        /**
         * A factory of this implementation whose scorers keep their per-user state (heads) to themselves, apart from
         * this factory's and from each other's: the trainer's cross-fitting trains a scorer per fold on part of the
         * users' queries, and one fold's heads must neither reach the model's store nor be read by another fold's
         * scorer, whose base they were not trained on. The default returns this factory, which suits scorers that
         * keep no per-user state outside themselves.
         *
         * @return a factory for one fold's scorer
         * @since 0.6
         */
        default Factory isolated() {
            return this;
        }
    }
}

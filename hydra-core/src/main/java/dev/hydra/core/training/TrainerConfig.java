package dev.hydra.core.training;

/**
 * The numbers of training, HYDRA's unless set.
 *
 * @param pseudoQueriesPerUser R, pseudo-queries drawn from each user's history (HYDRA: 10)
 * @param m neighbours retrieved per query (HYDRA: 10)
 * @param k demonstrations per adapter prompt (HYDRA: 4)
 * @param n candidates sampled per adapter prompt (HYDRA: 8)
 * @param temperature the adapter candidates' temperature (HYDRA: 1.0)
 * @param maxTokens the token limit of every answer (HYDRA: 64)
 * @param seed the seed of everything random
 * @param rerankerLabels where the reranker's labels come from (HYDRA: {@link RerankerLabelSource#LLM})
 * @since 0.1
 */
public record TrainerConfig(int pseudoQueriesPerUser, int m, int k, int n, double temperature, int maxTokens, long seed,
        RerankerLabelSource rerankerLabels) {

    /** HYDRA's numbers with seed 42. */
    public static final TrainerConfig DEFAULTS = new TrainerConfig(10, 10, 4, 8, 1.0, 64, 42L);

    /**
     * Numbers with HYDRA's LLM labels for the reranker.
     *
     * @param pseudoQueriesPerUser R
     * @param m neighbours per query
     * @param k demonstrations per adapter prompt
     * @param n candidates per adapter prompt
     * @param temperature the candidates' temperature
     * @param maxTokens the token limit of every answer
     * @param seed the seed
     */
    public TrainerConfig(int pseudoQueriesPerUser, int m, int k, int n, double temperature, int maxTokens, long seed) {
        this(pseudoQueriesPerUser, m, k, n, temperature, maxTokens, seed, RerankerLabelSource.LLM);
    }

    /**
     * Validates the numbers.
     *
     * @throws IllegalArgumentException when one is out of range
     */
    public TrainerConfig {
        if (pseudoQueriesPerUser < 1 || m < 1 || k < 0 || k > m) {
            throw new IllegalArgumentException("need pseudoQueriesPerUser >= 1, m >= 1 and 0 <= k <= m; got R="
                    + pseudoQueriesPerUser + ", m=" + m + ", k=" + k);
        }
        new dev.hydra.api.Sampling(n, temperature, maxTokens, seed);
        java.util.Objects.requireNonNull(rerankerLabels, "rerankerLabels: LLM or OUTPUT");
    }

    /**
     * A copy with another source of reranker labels.
     *
     * @param source the source
     * @return the copy
     */
    public TrainerConfig withRerankerLabels(RerankerLabelSource source) {
        return new TrainerConfig(pseudoQueriesPerUser, m, k, n, temperature, maxTokens, seed, source);
    }

    /**
     * A copy with another number of pseudo-queries per user.
     *
     * @param r the pseudo-queries per user
     * @return the copy
     */
    public TrainerConfig withPseudoQueries(int r) {
        return new TrainerConfig(r, m, k, n, temperature, maxTokens, seed, rerankerLabels);
    }

    /**
     * A copy with another candidate count.
     *
     * @param n the candidates per prompt
     * @return the copy
     */
    public TrainerConfig withCandidates(int n) {
        return new TrainerConfig(pseudoQueriesPerUser, m, k, n, temperature, maxTokens, seed, rerankerLabels);
    }

    /**
     * A copy with another seed.
     *
     * @param seed the seed
     * @return the copy
     */
    public TrainerConfig withSeed(long seed) {
        return new TrainerConfig(pseudoQueriesPerUser, m, k, n, temperature, maxTokens, seed, rerankerLabels);
    }

    /**
     * The adapter candidates' sampling.
     *
     * @return n samples at the temperature
     */
    public dev.hydra.api.Sampling sampling() {
        return new dev.hydra.api.Sampling(n, temperature, maxTokens, seed);
    }
}

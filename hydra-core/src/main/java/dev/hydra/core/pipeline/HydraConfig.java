package dev.hydra.core.pipeline;

/**
 * The numbers of the pipeline and of its training, HYDRA's defaults unless set: one settings object for
 * {@link Hydra.Builder#config} and {@code HydraTrainer.Builder#config}, so that a model is trained for the numbers
 * it serves with. Each builder keeps its own choices beside them (the pipeline's prompt budget, training's
 * pseudo-queries per user).
 *
 * @param m how many items the retriever returns (HYDRA: 10); in training, the neighbours of each pseudo-query
 * @param k how many demonstrations go into the prompt (HYDRA: 4); 0 is zero-shot
 * @param n how many answers the black box samples (HYDRA: 8); 1 with no adapter is plain RAG
 * @param temperature the sampling temperature (HYDRA: 1.0; use 0 for one greedy answer)
 * @param maxTokens the most new tokens of an answer (HYDRA: 64); the LangChain4j decorator leaves the limit to its
 *     caller's request and model instead
 * @param seed the sampling seed of the first sample; in training, the seed of everything random
 * @since 0.1
 */
public record HydraConfig(int m, int k, int n, double temperature, int maxTokens, long seed) {

    /** HYDRA's settings: M 10, k 4, N 8, temperature 1.0, 64 tokens, seed 0. */
    public static final HydraConfig DEFAULTS = new HydraConfig(10, 4, 8, 1.0, 64, 0L);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when a number is out of range; the message names it
     */
    public HydraConfig {
        if (m < 0) {
            throw new IllegalArgumentException("m (items retrieved) must be >= 0, was " + m);
        }
        if (k < 0 || k > m) {
            throw new IllegalArgumentException("k (demonstrations) must be in [0, m=" + m + "], was " + k);
        }
        new dev.hydra.api.Sampling(n, temperature, maxTokens, seed); // validates n, temperature, maxTokens
    }

    /**
     * The sampling these settings ask for.
     *
     * @return n samples at the temperature, with the token limit and seed
     */
    public dev.hydra.api.Sampling sampling() {
        return new dev.hydra.api.Sampling(n, temperature, maxTokens, seed);
    }

    /**
     * A copy with other retrieval numbers.
     *
     * @param m items retrieved
     * @param k demonstrations kept
     * @return the copy
     */
    public HydraConfig withRetrieval(int m, int k) {
        return new HydraConfig(m, k, n, temperature, maxTokens, seed);
    }

    /**
     * A copy with other sampling numbers.
     *
     * @param n samples
     * @param temperature the temperature
     * @return the copy
     */
    public HydraConfig withSampling(int n, double temperature) {
        return new HydraConfig(m, k, n, temperature, maxTokens, seed);
    }

    /**
     * A copy with another seed.
     *
     * @param seed the seed
     * @return the copy
     */
    public HydraConfig withSeed(long seed) {
        return new HydraConfig(m, k, n, temperature, maxTokens, seed);
    }

    /**
     * A copy with another token limit.
     *
     * @param maxTokens the most new tokens
     * @return the copy
     */
    public HydraConfig withMaxTokens(int maxTokens) {
        return new HydraConfig(m, k, n, temperature, maxTokens, seed);
    }
}

package dev.hydra.api;

/**
 * How to sample from the black-box LLM.
 *
 * @param n how many candidates, 1 to {@value #MAX_N}
 * @param temperature 0 (greedy) to 2
 * @param maxTokens the most new tokens per candidate, at least 1
 * @param seed the seed of sample 0; sample i uses {@code seed + i} where the backend takes a seed
 * @since 0.1
 */
public record Sampling(int n, double temperature, int maxTokens, long seed) {

    /** The most candidates one request may ask for. */
    public static final int MAX_N = 64;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when a component is out of range; the message gives the range
     */
    public Sampling {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [1, " + MAX_N + "], was " + n);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
        Checks.atLeast(maxTokens, 1, "maxTokens");
    }

    /**
     * One greedy answer, as HYDRA asks for reranker labels.
     *
     * @param maxTokens the most new tokens
     * @return temperature 0, n 1, seed 0
     */
    public static Sampling greedy(int maxTokens) {
        return new Sampling(1, 0.0, maxTokens, 0L);
    }

    /**
     * The same sampling with another n.
     *
     * @param n the number of candidates
     * @return a copy with that n
     */
    public Sampling withN(int n) {
        return new Sampling(n, temperature, maxTokens, seed);
    }

    /**
     * The same sampling with another seed.
     *
     * @param seed the seed of sample 0
     * @return a copy with that seed
     */
    public Sampling withSeed(long seed) {
        return new Sampling(n, temperature, maxTokens, seed);
    }
}

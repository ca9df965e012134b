package dev.hydra.api;

/**
 * Tokens a request used, summed over its samples.
 *
 * @param inputTokens prompt tokens, at least 0
 * @param outputTokens generated tokens, at least 0
 * @since 0.1
 */
public record TokenUsage(long inputTokens, long outputTokens) {

    /** No tokens. */
    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException when a count is negative
     */
    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must be >= 0, were " + inputTokens + " and " + outputTokens);
        }
    }

    /**
     * Adds two usages.
     *
     * @param other the other usage
     * @return the sum
     */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }

    /**
     * The total.
     *
     * @return input plus output tokens
     */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}

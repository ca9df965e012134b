package dev.hydra.core.llm;

/**
 * How much of the black box a run may spend: at most {@code maxCalls} calls (one call is one sample: a request
 * for N samples is N calls, as it is N calls of a chat model) and at most {@code maxTokens} tokens, prompt plus
 * completion. {@link BudgetedLlmBackend} enforces it; answers from the response cache cost nothing.
 *
 * <pre>{@code
 * LlmBudget budget = LlmBudget.ofCalls(300).withTokens(200_000);
 * }</pre>
 *
 * @param maxCalls the most calls, at least 1
 * @param maxTokens the most tokens, at least 1; {@link #NO_TOKEN_LIMIT} for calls only
 * @since 0.2
 */
public record LlmBudget(long maxCalls, long maxTokens) {

    /** The token limit of a budget that counts calls only. */
    public static final long NO_TOKEN_LIMIT = Long.MAX_VALUE;

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException when a limit is below 1; the message names the value and the rule
     */
    public LlmBudget {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("the budget's maxCalls must be >= 1, was " + maxCalls
                    + ": a budget that allows no call cannot label anything (answers already cached cost nothing)");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("the budget's maxTokens must be >= 1, was " + maxTokens
                    + "; for no token limit use LlmBudget.ofCalls(n)");
        }
    }

    /**
     * A budget of calls only.
     *
     * @param maxCalls the most calls, at least 1
     * @return the budget, with no token limit
     * @throws IllegalArgumentException when {@code maxCalls} is below 1
     */
    public static LlmBudget ofCalls(long maxCalls) {
        return new LlmBudget(maxCalls, NO_TOKEN_LIMIT);
    }

    /**
     * The same budget with a token limit.
     *
     * @param maxTokens the most tokens, prompt plus completion, at least 1
     * @return a copy with that limit
     * @throws IllegalArgumentException when {@code maxTokens} is below 1
     */
    public LlmBudget withTokens(long maxTokens) {
        return new LlmBudget(maxCalls, maxTokens);
    }

    /**
     * Whether this budget limits tokens.
     *
     * @return {@code false} for a budget of calls only
     */
    public boolean limitsTokens() {
        return maxTokens != NO_TOKEN_LIMIT;
    }

    @Override
    public String toString() {
        return maxCalls + " calls" + (limitsTokens() ? " and " + maxTokens + " tokens" : "");
    }
}

package dev.hydra.core.llm;

import dev.hydra.api.LlmException;

/**
 * A call that {@link BudgetedLlmBackend} refused before making it, because it could have spent more than what is
 * left of the {@link LlmBudget}. Nothing was asked of the black box; the budget is as it was.
 *
 * @since 0.2
 */
public final class LlmBudgetExceededException extends LlmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked and what was left
     */
    public LlmBudgetExceededException(String message) {
        super(message, null);
    }
}

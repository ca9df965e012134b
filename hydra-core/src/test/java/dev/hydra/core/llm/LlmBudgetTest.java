package dev.hydra.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmBudgetTest {

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void should_reject_a_budget_of_no_calls_naming_the_value_and_the_rule(long calls) {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlmBudget.ofCalls(calls));
        // then
        assertTrue(e.getMessage().contains("maxCalls must be >= 1, was " + calls), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5})
    void should_reject_a_budget_of_no_tokens_naming_the_value_and_the_rule(long tokens) {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlmBudget.ofCalls(10).withTokens(tokens));
        // then
        assertTrue(e.getMessage().contains("maxTokens must be >= 1, was " + tokens), e.getMessage());
    }

    @Test
    void should_limit_tokens_only_when_asked() {
        // given
        LlmBudget calls = LlmBudget.ofCalls(300);
        // when
        LlmBudget both = calls.withTokens(20_000);
        // then
        assertFalse(calls.limitsTokens());
        assertTrue(both.limitsTokens());
        assertEquals("300 calls and 20000 tokens", both.toString());
        assertEquals("300 calls", calls.toString());
    }
}

package dev.hydra.core.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmBudgetExceededException;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourlyLlmBudgetTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:15:00Z"));
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
    private final HourlyLlmBudget budget = HourlyLlmBudget.of(llm, LlmBudget.ofCalls(5), clock);

    @Test
    void should_refuse_calls_beyond_the_hours_budget_without_asking_the_delegate() {
        // given
        budget.generate(Prompt.ofUser("a"), Sampling.greedy(4).withN(3));

        // when
        LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class,
                () -> budget.generate(Prompt.ofUser("b"), Sampling.greedy(4).withN(3)));

        // then
        assertEquals(3, llm.samples(), "the refused request reached the delegate");
        assertEquals(2, budget.callsLeftThisHour());
        assertTrue(e.getMessage().contains("2 call(s)"), e.getMessage());
    }

    @Test
    void should_give_a_fresh_budget_in_the_next_clock_hour_and_count_every_call() {
        // given
        budget.generate(Prompt.ofUser("a"), Sampling.greedy(4).withN(5));
        assertEquals(0, budget.callsLeftThisHour());

        // when
        clock.advance(Duration.ofMinutes(45)); // 11:00, a new clock hour
        budget.generate(Prompt.ofUser("b"), Sampling.greedy(4).withN(2));

        // then
        assertEquals(3, budget.callsLeftThisHour());
        assertEquals(7, budget.totalCalls());
        assertEquals(7, llm.samples());
    }

    @Test
    void should_keep_the_hour_within_the_same_clock_hour() {
        // given
        budget.generate(Prompt.ofUser("a"), Sampling.greedy(4).withN(5));

        // when
        clock.advance(Duration.ofMinutes(44)); // 10:59, the same hour

        // then
        assertThrows(LlmBudgetExceededException.class, () -> budget.generate(Prompt.ofUser("b"), Sampling.greedy(4)));
        assertEquals(5, llm.samples());
    }
}

package dev.hydra.core.fitting;

import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.llm.BudgetedLlmBackend;
import dev.hydra.core.llm.LlmBudget;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An {@link LlmBackend} that spends at most an {@link LlmBudget} of its delegate per clock hour: each hour of the
 * clock (from {@code hh:00} to {@code hh:59:59}) gets a fresh {@link BudgetedLlmBackend}, which refuses a request
 * that does not fit in what is left of that hour with {@link dev.hydra.core.llm.LlmBudgetExceededException}.
 *
 * <pre>{@code
 * HourlyLlmBudget budget = HourlyLlmBudget.of(yourBackend, LlmBudget.ofCalls(200), Clock.systemUTC());
 * }</pre>
 *
 * <p>Put it under the response cache, as {@link BudgetedLlmBackend}. The clock is injectable so that tests move
 * time forward instead of waiting. A request still running when the hour turns counts in the hour it started.
 * <b>Thread-safety:</b> safe for concurrent use when the delegate is.
 *
 * @since 0.2
 */
public final class HourlyLlmBudget implements LlmBackend {

    private final LlmBackend delegate;
    private final LlmBudget perHour;
    private final Clock clock;
    private Instant hour;
    private BudgetedLlmBackend window;
    private long callsOfPastHours;

    private HourlyLlmBudget(LlmBackend delegate, LlmBudget perHour, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.perHour = Objects.requireNonNull(perHour, "perHour must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /**
     * Wraps a backend.
     *
     * @param delegate the black box; never {@code null}
     * @param perHour what it may spend in each clock hour; never {@code null}
     * @param clock the clock that says which hour it is; never {@code null}
     * @return the budgeted backend
     */
    public static HourlyLlmBudget of(LlmBackend delegate, LlmBudget perHour, Clock clock) {
        return new HourlyLlmBudget(delegate, perHour, clock);
    }

    /**
     * Asks the delegate when the request fits in what is left of this hour's budget.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @return the delegate's answer
     * @throws dev.hydra.core.llm.LlmBudgetExceededException when the request does not fit; nothing was asked
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        return currentHour().generate(prompt, sampling);
    }

    private synchronized BudgetedLlmBackend currentHour() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        if (!now.equals(hour)) {
            if (window != null) {
                callsOfPastHours += window.spent().calls();
            }
            hour = now;
            window = new BudgetedLlmBackend(delegate, perHour);
        }
        return window;
    }

    /**
     * What the current hour has spent so far.
     *
     * @return the spending of this clock hour
     */
    public BudgetedLlmBackend.Spent spentThisHour() {
        return currentHour().spent();
    }

    /**
     * The calls left in the current hour.
     *
     * @return {@code perHour.maxCalls()} minus the calls of this hour
     */
    public long callsLeftThisHour() {
        return perHour.maxCalls() - spentThisHour().calls();
    }

    /**
     * Every call made through this backend, over all hours.
     *
     * @return the calls
     */
    public synchronized long totalCalls() {
        return callsOfPastHours + (window == null ? 0 : window.spent().calls());
    }

    /**
     * The budget of each hour.
     *
     * @return the budget
     */
    public LlmBudget perHour() {
        return perHour;
    }

    /**
     * The delegate's name: the budget is transparent to the cache.
     *
     * @return the delegate's name
     */
    @Override
    public String name() {
        return delegate.name();
    }

    /**
     * The delegate's model id.
     *
     * @return the delegate's model id
     */
    @Override
    public String modelId() {
        return delegate.modelId();
    }
}

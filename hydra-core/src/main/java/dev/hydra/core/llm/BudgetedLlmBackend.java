package dev.hydra.core.llm;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * An {@link LlmBackend} that spends at most an {@link LlmBudget} of its delegate: before each request it reserves
 * the request's calls ({@code sampling.n()}) and a ceiling of its tokens, and refuses the request with
 * {@link LlmBudgetExceededException} when that reservation does not fit in what is left. Because the reservation
 * is made before the call, under one lock, concurrent requests never spend more than the budget together.
 *
 * <p><b>Tokens.</b> A request's ceiling is {@code n * (promptCeiling + maxTokens)}. The default prompt ceiling is
 * the prompt's UTF-8 bytes plus 8 per turn and 16 for the chat template ({@link #promptTokenCeiling}): a
 * byte-level tokenizer never makes more tokens than bytes, so this over-estimates, usually about 4 times for
 * English. After the call the reservation is replaced by what the delegate reports ({@link Generation#usage()});
 * when it reports no tokens, the reservation is kept as spent (and the call counted in
 * {@link Spent#callsWithEstimatedTokens()}); a failed sample keeps its share, a request that throws keeps all.
 * The limit holds exactly when the delegate's reports stay within the ceiling, which holds when it respects
 * {@code maxTokens} and its tokenizer is byte-level or coarser; give a tighter ceiling of your own tokenizer
 * with {@link #BudgetedLlmBackend(LlmBackend, LlmBudget, ToLongFunction)}.
 *
 * <p><b>Calls</b> are never given back: a sample that failed was still a call.
 *
 * <p>Put it <em>under</em> the response cache ({@code new CachingLlmBackend(new BudgetedLlmBackend(raw, budget),
 * cache)}), so that answers already paid for cost nothing. Its {@link #name()} and {@link #modelId()} are the
 * delegate's, so the cache keys are the same with or without a budget.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use when the delegate is. It does not close the delegate: the
 * caller owns it.
 *
 * @since 0.2
 */
public final class BudgetedLlmBackend implements LlmBackend {

    /** Tokens of chat template per turn (role markers) in the default prompt ceiling. */
    static final int TOKENS_PER_TURN = 8;
    /** Tokens of chat template per prompt (begin, end, the answer's header) in the default prompt ceiling. */
    static final int TOKENS_PER_PROMPT = 16;

    private final LlmBackend delegate;
    private final LlmBudget budget;
    private final ToLongFunction<Prompt> promptCeiling;
    private long calls;
    private long tokens;
    private long reservedTokens;
    private long refusals;
    private long estimated;

    /**
     * Wraps a backend with the default prompt ceiling ({@link #promptTokenCeiling}).
     *
     * @param delegate the black box; never {@code null}
     * @param budget what it may spend; never {@code null}
     */
    public BudgetedLlmBackend(LlmBackend delegate, LlmBudget budget) {
        this(delegate, budget, BudgetedLlmBackend::promptTokenCeiling);
    }

    /**
     * Wraps a backend with a prompt ceiling of the caller's, e.g. from the model's own tokenizer.
     *
     * @param delegate the black box; never {@code null}
     * @param budget what it may spend; never {@code null}
     * @param promptCeiling the most tokens a prompt can be, including the chat template; never {@code null}
     */
    public BudgetedLlmBackend(LlmBackend delegate, LlmBudget budget, ToLongFunction<Prompt> promptCeiling) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.budget = Objects.requireNonNull(budget, "budget must not be null");
        this.promptCeiling = Objects.requireNonNull(promptCeiling, "promptCeiling must not be null");
    }

    /**
     * The default ceiling of a prompt's tokens: its UTF-8 bytes, plus 8 per turn and 16 for the chat template.
     *
     * @param prompt the prompt; never {@code null}
     * @return the ceiling
     */
    public static long promptTokenCeiling(Prompt prompt) {
        long bytes = TOKENS_PER_PROMPT;
        for (ChatTurn turn : prompt.turns()) {
            bytes += turn.text().getBytes(StandardCharsets.UTF_8).length + TOKENS_PER_TURN;
        }
        return bytes;
    }

    /**
     * The tokens this backend reserves for a request: the most it may spend.
     *
     * @param prompt the prompt; never {@code null}
     * @param sampling the sampling; never {@code null}
     * @return {@code n * (promptCeiling + maxTokens)}
     */
    public long tokenCeiling(Prompt prompt, Sampling sampling) {
        return ceiling(promptCeiling.applyAsLong(prompt), sampling);
    }

    private static long ceiling(long promptTokens, Sampling sampling) {
        long perSample = promptTokens + sampling.maxTokens();
        return perSample > Long.MAX_VALUE / sampling.n() ? Long.MAX_VALUE : perSample * sampling.n();
    }

    /**
     * Asks the delegate when the request fits in what is left of the budget.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @return the delegate's answer
     * @throws LlmBudgetExceededException when the request could spend more than is left; nothing was asked
     * @throws dev.hydra.api.LlmException when the delegate fails; the calls and reserved tokens stay spent
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        return generate(prompt, sampling, null);
    }

    /**
     * Asks the delegate as {@link #generate(Prompt, Sampling)} does, handing each candidate over as the delegate
     * reports it.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @param onCandidate receives each candidate; never {@code null}
     * @return the delegate's answer
     * @throws LlmBudgetExceededException when the request could spend more than is left; nothing was asked
     * @throws dev.hydra.api.LlmException when the delegate fails; the calls and reserved tokens stay spent
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling, Consumer<Candidate> onCandidate) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        Objects.requireNonNull(sampling, "sampling must not be null");
        long promptTokens = promptCeiling.applyAsLong(prompt);
        long perSample = promptTokens + sampling.maxTokens();
        long reserved = ceiling(promptTokens, sampling);
        reserve(sampling.n(), reserved);
        Generation g;
        try {
            g = onCandidate == null ? delegate.generate(prompt, sampling)
                    : CandidateForwarding.generate(delegate, prompt, sampling, onCandidate);
        } catch (RuntimeException e) {
            settle(reserved, reserved, false);
            throw e;
        }
        long reported = g.usage().totalTokens();
        long failed = Math.max(0, sampling.n() - g.candidates().size());
        boolean reports = reported > 0;
        long spent = (reports ? reported : g.candidates().size() * perSample) + failed * perSample;
        settle(reserved, spent, !reports);
        return g;
    }

    private synchronized void reserve(int n, long reserved) {
        long tokensLeft = budget.maxTokens() - tokens - reservedTokens;
        if (calls + n > budget.maxCalls() || reserved > tokensLeft) {
            refusals++;
            throw new LlmBudgetExceededException("the LLM budget of " + budget + " refuses a request of " + n
                    + " call(s) and up to " + reserved + " tokens: " + (budget.maxCalls() - calls) + " call(s)"
                    + (budget.limitsTokens() ? " and " + tokensLeft + " tokens" : "") + " are left");
        }
        calls += n;
        reservedTokens += reserved;
    }

    private synchronized void settle(long reserved, long spent, boolean estimatedTokens) {
        reservedTokens -= reserved;
        tokens = spent > Long.MAX_VALUE - tokens ? Long.MAX_VALUE : tokens + spent;
        if (estimatedTokens) {
            estimated++;
        }
    }

    /**
     * What this backend has spent so far.
     *
     * @param calls the calls made (samples asked of the delegate)
     * @param tokens the tokens spent: reported, or the reservation where the delegate reported none
     * @param refusals the requests refused for want of budget
     * @param callsWithEstimatedTokens the requests whose tokens were not reported and count as their ceiling
     * @since 0.2
     */
    public record Spent(long calls, long tokens, long refusals, long callsWithEstimatedTokens) {}

    /**
     * What this backend has spent so far; requests in flight count their calls, not yet their tokens.
     *
     * @return the spending
     */
    public synchronized Spent spent() {
        return new Spent(calls, tokens, refusals, estimated);
    }

    /**
     * The budget this backend enforces.
     *
     * @return the budget
     */
    public LlmBudget budget() {
        return budget;
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

package dev.hydra.core.training;

import dev.hydra.core.llm.LlmBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What an {@link ApplicationTraining} run bought with its budget: the calls and tokens it spent, the users and
 * queries it reached, the pairs each module learned from, and whether each learned module beat the simple thing
 * it would replace on held-out queries (if not, the model keeps the simple thing: its weight is 0).
 *
 * @param outcome what happened
 * @param message the outcome in one sentence, with what to do when nothing was trained
 * @param modelDir the model directory (written only when {@link #trained()})
 * @param budget the budget
 * @param usersInStore the users the run could train on
 * @param usersTrained the users with at least one training query in the plan
 * @param queriesAvailable the training queries of all those users
 * @param queriesPlanned the training queries the budget afforded
 * @param callsPlanned the most calls the planned queries could cost, were nothing cached
 * @param callsUsed the calls made of the black box (samples; answers from the cache are not calls)
 * @param tokensUsed the tokens spent, prompt plus completion, as the black box reported them
 * @param callsWithEstimatedTokens the requests whose tokens the black box did not report, counted at their ceiling
 * @param refusals the requests the budget refused during training (their queries were left out)
 * @param cachedAnswers the answers reused from the response cache, paid for by an earlier run
 * @param reranker what the reranker learned
 * @param adapter what the adapter learned
 * @param wallTime how long the run took
 * @since 0.2
 */
public record ApplicationTrainingReport(Outcome outcome, String message, Path modelDir, LlmBudget budget,
        int usersInStore, int usersTrained, int queriesAvailable, int queriesPlanned, long callsPlanned, long callsUsed,
        long tokensUsed, long callsWithEstimatedTokens, long refusals, long cachedAnswers, Module reranker,
        Module adapter, Duration wallTime) {

    /** What a run came to. */
    public enum Outcome {
        /** Trained on every training query. */
        TRAINED,
        /** Trained on the queries the budget afforded, fewer than all. */
        TRAINED_WITHIN_BUDGET,
        /** Nothing trained: the budget does not afford one query. */
        BUDGET_TOO_SMALL,
        /** Nothing trained: no user has a history to draw a training query from. */
        NO_TRAINING_DATA
    }

    /**
     * What one module learned and whether it is used: its held-out score with the simple choice (the retriever's
     * order for the reranker; the better of the samples' agreement and the greedy answer for the adapter) and with
     * the weights chosen on held-out queries (cross-fitted), and the learned part's weight in the model.
     *
     * @param pairs the labeled pairs it learned from
     * @param heldOutQueries the queries its weights were chosen on
     * @param metric what the scores measure
     * @param fallback the held-out score of the simple choice
     * @param chosen the held-out score of the chosen weights (for the adapter these include the history prior's and
     *     whether the task's labels join the pool, so it may gain with the learned part unused)
     * @param weight the learned part's weight in the model (reranker alpha, adapter beta); 0 when it did not beat
     *     the simple choice by more than noise
     * @since 0.2
     */
    public record Module(int pairs, int heldOutQueries, String metric, double fallback, double chosen, double weight) {

        /** A module that learned nothing. */
        static final Module NONE = new Module(0, 0, "none", 0, 0, 0);

        /** Validates the components. */
        public Module {
            Objects.requireNonNull(metric, "metric must not be null");
        }

        /**
         * The held-out gain of the chosen weights over the simple choice.
         *
         * @return {@code chosen - fallback}
         */
        public double gain() {
            return chosen - fallback;
        }

        /**
         * Whether the learned part is used: it beat the simple choice on held-out queries.
         *
         * @return whether its weight is above 0
         */
        public boolean learnedUsed() {
            return weight > 0;
        }
    }

    /** Validates the components. */
    public ApplicationTrainingReport {
        Objects.requireNonNull(outcome, "outcome must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(modelDir, "modelDir must not be null");
        Objects.requireNonNull(budget, "budget must not be null");
        Objects.requireNonNull(reranker, "reranker must not be null");
        Objects.requireNonNull(adapter, "adapter must not be null");
        Objects.requireNonNull(wallTime, "wallTime must not be null");
    }

    /**
     * Whether a model was written.
     *
     * @return whether the outcome is a trained one
     */
    public boolean trained() {
        return outcome == Outcome.TRAINED || outcome == Outcome.TRAINED_WITHIN_BUDGET;
    }

    /**
     * The report as a few lines of text, for a console.
     *
     * @return the text
     */
    public String summary() {
        StringBuilder s = new StringBuilder(message).append('\n');
        s.append(String.format(Locale.ROOT, "budget %s: used %d calls and %d tokens%s; %d answers from the cache; "
                + "%d requests refused; %.0f s%n", budget, callsUsed, tokensUsed,
                callsWithEstimatedTokens > 0 ? " (" + callsWithEstimatedTokens + " requests' tokens estimated)" : "",
                cachedAnswers, refusals, wallTime.toMillis() / 1000.0));
        s.append(String.format(Locale.ROOT, "users %d of %d, training queries %d of %d (planned at most %d calls)%n",
                usersTrained, usersInStore, queriesPlanned, queriesAvailable, callsPlanned));
        if (trained()) {
            line(s, "reranker", reranker);
            line(s, "adapter", adapter);
        }
        return s.toString().stripTrailing();
    }

    private static void line(StringBuilder s, String name, Module m) {
        s.append(String.format(Locale.ROOT, "%-8s %5d pairs; held out on %d queries, %s: simple %.3f, chosen %.3f "
                + "(gain %+.3f); learned part %s%n", name, m.pairs(), m.heldOutQueries(), m.metric(), m.fallback(),
                m.chosen(), m.gain(), m.learnedUsed() ? "used, weight " + m.weight()
                        : "not used, weight 0 (it did not beat the simple choice by more than noise)"));
    }
}

package dev.hydra.core.training;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.pipeline.FewShotPrompts;
import dev.hydra.core.pipeline.HydraConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The training queries a budget affords, chosen before any call so that training never stops halfway. A query
 * costs its reranker labels (one greedy call per neighbour, with LLM labels) and its adapter pool (N calls); its
 * tokens are bounded by the ceiling of each prompt plus the token limit of each answer, the adapter's prompt taken
 * with its k longest neighbours as demonstrations. Queries are taken round-robin over the users (every user's
 * first pseudo-query, then every user's second, ...), so a small budget reaches as many users as it can, and the
 * plan stops at the first query that does not fit. Every call counts as if uncached: the same budget gives the
 * same plan, whose answers a rerun then finds in the cache.
 *
 * @param chosen the queries to train on, round-robin order
 * @param available how many training queries there were
 * @param calls the most calls the chosen queries cost
 * @param tokens the most tokens the chosen queries cost
 * @param cheapestCalls the calls of the cheapest query, 0 when there is none
 */
record TrainingPlan(List<TrainingQuery> chosen, int available, long calls, long tokens, long cheapestCalls) {

    /**
     * Plans.
     *
     * @param queries every training query, user by user
     * @param task the task, whose prompts are costed
     * @param config the trainer's numbers (k, N, token limit)
     * @param llmLabels whether the reranker's labels are asked of the LLM
     * @param promptCeiling the most tokens a prompt can be
     * @param budget the budget
     * @return the plan
     */
    static TrainingPlan of(List<TrainingQuery> queries, TaskSpec task, HydraConfig config, boolean llmLabels,
            ToLongFunction<Prompt> promptCeiling, LlmBudget budget) {
        Map<UserId, List<TrainingQuery>> byUser = new LinkedHashMap<>();
        queries.forEach(q -> byUser.computeIfAbsent(q.user(), u -> new ArrayList<>()).add(q));
        List<TrainingQuery> chosen = new ArrayList<>();
        long calls = 0;
        long tokens = 0;
        long cheapest = queries.stream().mapToLong(q -> calls(q, config, llmLabels)).min().orElse(0);
        int rounds = byUser.values().stream().mapToInt(List::size).max().orElse(0);
        plan : for (int r = 0; r < rounds; r++) {
            for (List<TrainingQuery> own : byUser.values()) {
                if (r >= own.size()) {
                    continue;
                }
                TrainingQuery q = own.get(r);
                long c = calls(q, config, llmLabels);
                long t = tokens(q, task, config, llmLabels, promptCeiling);
                if (calls + c > budget.maxCalls() || t > budget.maxTokens() - tokens) {
                    break plan;
                }
                chosen.add(q);
                calls += c;
                tokens += t;
            }
        }
        return new TrainingPlan(List.copyOf(chosen), queries.size(), calls, tokens, cheapest);
    }

    /** A query's calls: a greedy label per neighbour, and the N answers of its adapter pool. */
    static long calls(TrainingQuery q, HydraConfig config, boolean llmLabels) {
        return (llmLabels ? q.neighbours().size() : 0) + config.n();
    }

    /** The most tokens a query's calls can spend. */
    static long tokens(TrainingQuery q, TaskSpec task, HydraConfig config, boolean llmLabels,
            ToLongFunction<Prompt> promptCeiling) {
        List<ChatTurn> ask = List.of(ChatTurn.user(q.text()));
        long sum = 0;
        if (llmLabels) {
            for (Scored<HistoryItem> n : q.neighbours()) {
                sum += promptCeiling.applyAsLong(FewShotPrompts.build(task, List.of(n.value()), ask))
                        + config.maxTokens();
            }
        }
        long empty = promptCeiling.applyAsLong(FewShotPrompts.build(task, List.of(), ask));
        List<HistoryItem> longest = q.neighbours().stream().map(Scored::value)
                .sorted(Comparator.comparingLong((HistoryItem it) -> promptCeiling.applyAsLong(
                        FewShotPrompts.build(task, List.of(it), ask)) - empty).reversed())
                .limit(config.k()).toList();
        long adapterPrompt = promptCeiling.applyAsLong(FewShotPrompts.build(task, longest, ask));
        return sum + config.n() * (adapterPrompt + config.maxTokens());
    }

    /**
     * The users with at least one chosen query, in first-chosen order.
     *
     * @return the users
     */
    List<UserId> users() {
        return chosen.stream().map(TrainingQuery::user).distinct().toList();
    }
}

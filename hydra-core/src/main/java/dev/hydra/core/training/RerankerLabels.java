package dev.hydra.core.training;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.llm.LlmBudgetExceededException;
import dev.hydra.core.pipeline.FewShotPrompts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/**
 * Labels (query, history item) pairs for the reranker. With {@link RerankerLabelSource#LLM} it asks the black box
 * (hydra-method.md §1.3): a one-shot prompt made of that single item and the query, answered greedily; the item
 * is a positive when the answer is right. With {@link RerankerLabelSource#OUTPUT} it asks nothing: the item's own
 * output is taken as the answer, since a small model mostly copies its demonstrations' answers. Right means, for
 * labels and ratings, the task reads the answer as the gold; for free text, the answer's similarity to the gold
 * (mean of ROUGE-1 and ROUGE-L) is above the mean of the same query's pairs, so that a label says which item
 * helps that query more, not which query was easier. A query with a call that the LLM budget refused
 * ({@link LlmBudgetExceededException}) gives no pair at all.
 *
 * @since 0.1
 */
public final class RerankerLabels {

    private final TaskSpec task;
    private final LlmBackend backend;
    private final int maxTokens;
    private final ToDoubleBiFunction<String, String> similarity;
    private final RerankerLabelSource source;

    /**
     * Creates the labeler that asks the black box ({@link RerankerLabelSource#LLM}).
     *
     * @param task the task
     * @param backend the black box (through the response cache, so reruns cost no calls)
     * @param maxTokens the token limit of each answer (HYDRA: 64)
     * @param similarity the similarity of an answer to the gold for free-text tasks
     */
    public RerankerLabels(TaskSpec task, LlmBackend backend, int maxTokens,
            ToDoubleBiFunction<String, String> similarity) {
        this(task, backend, maxTokens, similarity, RerankerLabelSource.LLM);
    }

    /**
     * Creates the labeler.
     *
     * @param task the task
     * @param backend the black box (through the response cache, so reruns cost no calls); unused for
     *     {@link RerankerLabelSource#OUTPUT}
     * @param maxTokens the token limit of each answer (HYDRA: 64)
     * @param similarity the similarity of an answer to the gold for free-text tasks
     * @param source where the answer that is judged comes from
     */
    public RerankerLabels(TaskSpec task, LlmBackend backend, int maxTokens,
            ToDoubleBiFunction<String, String> similarity,
            RerankerLabelSource source) {
        this.source = java.util.Objects.requireNonNull(source, "source");
        this.task = task;
        this.backend = backend;
        this.maxTokens = maxTokens;
        this.similarity = similarity;
    }

    /**
     * Labels every (query, neighbour) pair.
     *
     * @param queries the training queries
     * @param progress hears one unit per pair
     * @return one labeled pair per (query, neighbour), in order
     */
    public List<LabeledPair> label(List<TrainingQuery> queries, ProgressListener progress) {
        long total = queries.stream().mapToLong(q -> q.neighbours().size()).sum();
        List<double[]> scores = new ArrayList<>();
        List<LabeledPair> unlabeled = new ArrayList<>();
        long done = 0;
        for (TrainingQuery q : queries) {
            int rank = 0;
            List<double[]> queryScores = new ArrayList<>();
            List<LabeledPair> queryPairs = new ArrayList<>();
            try {
                for (Scored<HistoryItem> n : q.neighbours()) {
                    String answer = source == RerankerLabelSource.LLM ? answer(q, n.value()) : n.value().output();
                    queryScores.add(new double[] {score(answer, q.gold())});
                    queryPairs.add(new LabeledPair(q.user(), q.id(), q.text(), n.value().retrievalText(), n.score(),
                            rank++, false, n.value().output()));
                    progress.update("reranker labels", ++done, total);
                }
            } catch (LlmBudgetExceededException e) {
                done += q.neighbours().size() - queryPairs.size(); // a query labeled in part would mislead: dropped
                continue;
            }
            scores.addAll(queryScores);
            unlabeled.addAll(queryPairs);
        }
        return withLabels(unlabeled, scores);
    }

    /**
     * The item's label answer; a failed call counts as a wrong answer (the pair stays a negative), a call the
     * budget refused is passed on, so that the query is left out rather than labeled wrongly.
     */
    private String answer(TrainingQuery q, HistoryItem demonstration) {
        Prompt prompt = FewShotPrompts.build(task, List.of(demonstration), List.of(ChatTurn.user(q.text())));
        try {
            Generation g = backend.generate(prompt, Sampling.greedy(maxTokens));
            return g.candidates().isEmpty() ? "" : g.candidates().get(0).text();
        } catch (LlmBudgetExceededException e) {
            throw e;
        } catch (dev.hydra.api.LlmException e) {
            return "";
        }
    }

    private double score(String answer, String gold) {
        if (task.outputKind() == OutputKind.GENERATION) {
            return similarity.applyAsDouble(answer, gold);
        }
        return task.isCorrect(answer, gold) ? 1.0 : 0.0;
    }

    private List<LabeledPair> withLabels(List<LabeledPair> pairs, List<double[]> scores) {
        Map<String, double[]> sums = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            double[] s = sums.computeIfAbsent(pairs.get(i).queryKey(), u -> new double[2]);
            s[0] += scores.get(i)[0];
            s[1]++;
        }
        List<LabeledPair> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            LabeledPair p = pairs.get(i);
            double score = scores.get(i)[0];
            boolean positive;
            if (task.outputKind() == OutputKind.GENERATION) {
                double[] s = sums.get(p.queryKey());
                positive = score > s[0] / s[1];
            } else {
                positive = score == 1.0;
            }
            out.add(new LabeledPair(p.user(), p.queryId(), p.query(), p.text(), p.retrievalScore(), p.rank(), positive,
                    p.output()));
        }
        return out;
    }
}

package dev.hydra.core.training;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.llm.LlmBudgetExceededException;
import dev.hydra.core.metrics.Rouge;
import dev.hydra.core.pipeline.FewShotPrompts;
import dev.hydra.core.pipeline.SamplePool;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the adapter's training pools and pairs (hydra-method.md §1.4): for each training query, a pool drawn as
 * the pipeline draws it ({@link SamplePool}: the greedy answer and N - 1 samples) with its top-k demonstrations
 * in the reranker's order. For labels and ratings a candidate is a positive when the task reads it as the gold;
 * for free text the candidates are ranked against each other, and the ones closest to the gold (mean of ROUGE-1
 * and ROUGE-L) are the positives, so the adapter learns which sample is better rather than human text from
 * machine text. A pool whose candidates all score the same teaches nothing and gives no pair.
 *
 * @since 0.1
 */
public final class AdapterCandidates {

    private final TaskSpec task;
    private final LlmBackend backend;
    private final Reranker reranker;
    private final int k;
    private final Sampling sampling;

    /**
     * One query's pool.
     *
     * @param query the training query
     * @param candidates the answers, the greedy one first
     * @since 0.2
     */
    public record Pool(TrainingQuery query, List<String> candidates) {}

    /**
     * Creates the generator.
     *
     * @param task the task
     * @param backend the black box (through the response cache)
     * @param reranker the trained reranker that orders the demonstrations, or {@code null} to keep retrieval order
     * @param k the demonstrations per prompt (HYDRA: 4)
     * @param sampling the sampling (HYDRA: 8 samples at temperature 1, 64 tokens)
     */
    public AdapterCandidates(TaskSpec task, LlmBackend backend, Reranker reranker, int k, Sampling sampling) {
        this.task = task;
        this.backend = backend;
        this.reranker = reranker;
        this.k = k;
        this.sampling = sampling;
    }

    /**
     * Samples and labels candidates for every training query.
     *
     * @param queries the training queries
     * @param progress hears one unit per query
     * @return the labeled pairs, query by query
     */
    public List<LabeledPair> label(List<TrainingQuery> queries, ProgressListener progress) {
        return pairs(pools(queries, progress));
    }

    /**
     * Samples a pool for every training query.
     *
     * @param queries the training queries
     * @param progress hears one unit per query
     * @return the pools, in query order (a query whose sampling failed has an empty pool; a query with a call the
     *     LLM budget refused has none)
     */
    public List<Pool> pools(List<TrainingQuery> queries, ProgressListener progress) {
        List<Pool> out = new ArrayList<>();
        long done = 0;
        for (TrainingQuery q : queries) {
            Prompt prompt = FewShotPrompts.build(task, demonstrations(q), List.of(ChatTurn.user(q.text())));
            List<String> candidates;
            try {
                candidates = SamplePool.generate(backend, prompt, sampling.withSeed(seedOf(q)), true).candidates()
                        .stream().map(Candidate::text).toList();
            } catch (LlmBudgetExceededException e) {
                progress.update("adapter candidates", ++done, queries.size());
                continue; // not sampled: no pool, rather than an empty one that would count as failed
            } catch (dev.hydra.api.LlmException e) {
                candidates = List.of();
            }
            out.add(new Pool(q, candidates));
            progress.update("adapter candidates", ++done, queries.size());
        }
        return out;
    }

    /**
     * Labels the candidates of some pools.
     *
     * @param pools the pools
     * @return one pair per candidate of each pool whose candidates do not all score the same
     */
    public List<LabeledPair> pairs(List<Pool> pools) {
        List<LabeledPair> out = new ArrayList<>();
        for (Pool pool : pools) {
            TrainingQuery q = pool.query();
            double[] score = new double[pool.candidates().size()];
            double best = Double.NEGATIVE_INFINITY;
            double worst = Double.POSITIVE_INFINITY;
            for (int i = 0; i < score.length; i++) {
                score[i] = score(pool.candidates().get(i), q.gold());
                best = Math.max(best, score[i]);
                worst = Math.min(worst, score[i]);
            }
            if (score.length == 0 || best == worst) {
                continue;
            }
            for (int i = 0; i < score.length; i++) {
                out.add(new LabeledPair(q.user(), q.id(), q.text(), pool.candidates().get(i), 0.0, i,
                        score[i] == best));
            }
        }
        return out;
    }

    /** How good an answer is: right or wrong for labels and ratings, its similarity to the gold for free text. */
    double score(String answer, String gold) {
        if (task.outputKind() == OutputKind.GENERATION) {
            return Rouge.meanF(gold, answer);
        }
        return task.isCorrect(answer, gold) ? 1 : 0;
    }

    private List<HistoryItem> demonstrations(TrainingQuery q) {
        List<Scored<HistoryItem>> ordered = q.neighbours();
        if (reranker != null && !ordered.isEmpty() && k > 0) {
            ordered = reranker.rerank(new Query(q.user(), q.text(), task.name()), ordered, k);
        }
        return ordered.stream().limit(k).map(Scored::value).toList();
    }

    private long seedOf(TrainingQuery q) {
        return sampling.seed() * 31 + (q.user().value() + "/" + q.id()).hashCode();
    }
}

package dev.hydra.core.training;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.pipeline.FewShotPrompts;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the adapter's training pairs (hydra-method.md §1.4): for each training query, N answers sampled with
 * its top-k demonstrations (in the reranker's order when there is one); for labels and ratings a candidate is
 * a positive when the task reads it as the gold, for free text every candidate is a negative and the gold
 * itself is added as the one positive.
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
        List<LabeledPair> out = new ArrayList<>();
        long done = 0;
        for (TrainingQuery q : queries) {
            List<HistoryItem> demos = demonstrations(q);
            Prompt prompt = FewShotPrompts.build(task, demos, List.of(ChatTurn.user(q.text())));
            List<Candidate> candidates;
            try {
                Generation g = backend.generate(prompt, sampling.withSeed(seedOf(q)));
                candidates = g.candidates();
            } catch (dev.hydra.api.LlmException e) {
                candidates = List.of();
            }
            boolean generation = task.outputKind() == OutputKind.GENERATION;
            for (Candidate c : candidates) {
                boolean positive = !generation && task.isCorrect(c.text(), q.gold());
                out.add(new LabeledPair(q.user(), q.id(), q.text(), c.text(), 0.0, c.sampleIndex(), positive));
            }
            if (generation && !candidates.isEmpty()) {
                out.add(new LabeledPair(q.user(), q.id(), q.text(), q.gold(), 0.0, candidates.size(), true));
            }
            progress.update("adapter candidates", ++done, queries.size());
        }
        return out;
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

package dev.hydra.core.pipeline;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.llm.LlmBudgetExceededException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool of answers the adapter chooses from, as the pipeline and the trainer both draw it.
 *
 * @since 0.2
 */
public final class SamplePool {

    private SamplePool() {}

    /**
     * Samples a pool: with N > 1 at a temperature above 0 and a greedy answer in the pool, the first answer is
     * the greedy one (the answer plain RAG gives) and the other N - 1 are sampled; the black box is then called
     * twice.
     *
     * @param backend the black box
     * @param prompt the prompt
     * @param sampling N, the temperature, the token limit and the seed
     * @param greedyInPool whether the first answer is the greedy one when N > 1 at a temperature above 0
     * @return the answers, the greedy one (if any) first as sample 0
     * @throws LlmException when the black box gave no answer at all
     * @throws dev.hydra.core.llm.LlmBudgetExceededException when an LLM budget refused a call: a pool without the
     *     refused part would not be the pool asked for
     */
    public static Generation generate(LlmBackend backend, Prompt prompt, Sampling sampling, boolean greedyInPool) {
        if (!greedyInPool || sampling.n() == 1 || sampling.temperature() == 0) {
            return backend.generate(prompt, sampling);
        }
        LlmException failed = null;
        Generation greedy;
        Generation sampled;
        try {
            greedy = backend.generate(prompt, Sampling.greedy(sampling.maxTokens()));
        } catch (LlmBudgetExceededException e) {
            throw e;
        } catch (LlmException e) {
            failed = e;
            greedy = new Generation(List.of(), List.of(new SampleFailure(0, e.getMessage(), false)), TokenUsage.ZERO);
        }
        try {
            sampled = backend.generate(prompt, sampling.withN(sampling.n() - 1));
        } catch (LlmBudgetExceededException e) {
            throw e;
        } catch (LlmException e) {
            if (greedy.candidates().isEmpty()) {
                throw failed != null ? failed : e;
            }
            List<SampleFailure> all = new ArrayList<>();
            for (int i = 0; i < sampling.n() - 1; i++) {
                all.add(new SampleFailure(i, e.getMessage(), false));
            }
            sampled = new Generation(List.of(), all, TokenUsage.ZERO);
        }
        List<Candidate> candidates = new ArrayList<>(greedy.candidates().stream().limit(1).toList());
        sampled.candidates().forEach(c -> candidates.add(new Candidate(c.text(), c.sampleIndex() + 1)));
        List<SampleFailure> failures = new ArrayList<>(greedy.failures());
        sampled.failures().forEach(f -> failures.add(new SampleFailure(f.sampleIndex() + 1, f.reason(), f.timedOut())));
        return new Generation(candidates, failures, greedy.usage().plus(sampled.usage()));
    }

    /**
     * The task's labels that no answer of a pool gives, for the adapter to weigh beside the samples.
     *
     * @param task the task; a task without labels has none to add
     * @param answers the pool's answers
     * @return the labels no answer reads as, in the task's order
     */
    public static List<String> missingLabels(TaskSpec task, List<String> answers) {
        java.util.Set<String> given = new java.util.HashSet<>();
        answers.forEach(a -> task.parse(a).ifPresent(given::add));
        return task.labels().stream().filter(l -> !given.contains(l)).toList();
    }
}

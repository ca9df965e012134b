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
import dev.hydra.core.llm.CandidateForwarding;
import dev.hydra.core.llm.LlmBudgetExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

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
     * twice, at once (the greedy call on another thread), so the pool takes the time of its slowest sample.
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
        return generate(backend, prompt, sampling, greedyInPool, null);
    }

    /**
     * Samples a pool as {@link #generate(LlmBackend, Prompt, Sampling, boolean)} does, and hands each answer to
     * {@code onCandidate} as soon as its sample completes (with its index in the pool), through
     * {@link LlmBackend#generate(Prompt, Sampling, Consumer)}.
     *
     * @param backend the black box
     * @param prompt the prompt
     * @param sampling N, the temperature, the token limit and the seed
     * @param greedyInPool whether the first answer is the greedy one when N > 1 at a temperature above 0
     * @param onCandidate receives each answer as its sample completes, possibly on another thread; {@code null}
     *     for none
     * @return the answers, the greedy one (if any) first as sample 0
     * @throws LlmException when the black box gave no answer at all
     * @throws dev.hydra.core.llm.LlmBudgetExceededException when an LLM budget refused a call
     * @since 0.3
     */
    public static Generation generate(LlmBackend backend, Prompt prompt, Sampling sampling, boolean greedyInPool,
            Consumer<Candidate> onCandidate) {
        if (!greedyInPool || sampling.n() == 1 || sampling.temperature() == 0) {
            return call(backend, prompt, sampling, onCandidate, 0);
        }
        Future<Generation> greedyCall = startGreedy(backend, prompt, sampling, onCandidate);
        LlmException sampledFailure = null;
        Generation sampled;
        try {
            sampled = call(backend, prompt, sampling.withN(sampling.n() - 1), onCandidate, 1);
        } catch (LlmBudgetExceededException e) {
            greedyCall.cancel(true);
            throw e;
        } catch (LlmException e) {
            sampledFailure = e;
            List<SampleFailure> all = new ArrayList<>();
            for (int i = 0; i < sampling.n() - 1; i++) {
                all.add(new SampleFailure(i, e.getMessage(), false));
            }
            sampled = new Generation(List.of(), all, TokenUsage.ZERO);
        }
        LlmException greedyFailure = null;
        Generation greedy;
        try {
            greedy = join(greedyCall);
        } catch (LlmBudgetExceededException e) {
            throw e;
        } catch (LlmException e) {
            greedyFailure = e;
            greedy = new Generation(List.of(), List.of(new SampleFailure(0, e.getMessage(), false)), TokenUsage.ZERO);
        }
        if (greedy.candidates().isEmpty() && sampled.candidates().isEmpty()) {
            throw greedyFailure != null ? greedyFailure
                    : sampledFailure != null ? sampledFailure : new LlmException("the black box gave no answer", null);
        }
        List<Candidate> candidates = new ArrayList<>(greedy.candidates().stream().limit(1).toList());
        sampled.candidates().forEach(c -> candidates.add(new Candidate(c.text(), c.sampleIndex() + 1)));
        List<SampleFailure> failures = new ArrayList<>(greedy.failures());
        sampled.failures().forEach(f -> failures.add(new SampleFailure(f.sampleIndex() + 1, f.reason(), f.timedOut())));
        return new Generation(candidates, failures, greedy.usage().plus(sampled.usage()));
    }

    /** The greedy call on a preparation thread, or on this one when no thread can be made. */
    private static Future<Generation> startGreedy(LlmBackend backend, Prompt prompt, Sampling sampling,
            Consumer<Candidate> onCandidate) {
        Sampling greedy = Sampling.greedy(sampling.maxTokens());
        try {
            return QueryPreparation.call(() -> call(backend, prompt, greedy, onCandidate, 0));
        } catch (RejectedExecutionException e) {
            CompletableFuture<Generation> done = new CompletableFuture<>();
            try {
                done.complete(call(backend, prompt, greedy, onCandidate, 0));
            } catch (RuntimeException failure) {
                done.completeExceptionally(failure);
            }
            return done;
        }
    }

    private static Generation join(Future<Generation> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while the greedy sample ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LlmException("the greedy sample failed: " + e.getCause(), e.getCause());
        }
    }

    /** One call of the black box, its candidates handed on with their index in the pool ({@code shift} + i). */
    private static Generation call(LlmBackend backend, Prompt prompt, Sampling sampling,
            Consumer<Candidate> onCandidate, int shift) {
        if (onCandidate == null) {
            return backend.generate(prompt, sampling);
        }
        Consumer<Candidate> inPool = c -> onCandidate.accept(shift == 0 ? c : new Candidate(c.text(),
                c.sampleIndex() + shift));
        return CandidateForwarding.generate(backend, prompt, sampling, inPool);
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

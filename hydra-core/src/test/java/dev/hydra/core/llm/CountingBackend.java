package dev.hydra.core.llm;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A deterministic fake: the answer of sample i names the prompt and seed + i; it records every request. */
final class CountingBackend implements LlmBackend {

    final List<Sampling> requests = new CopyOnWriteArrayList<>();
    volatile Set<Long> failingSeeds = Set.of();

    static String answer(Prompt prompt, long seed) {
        return prompt.lastUserText() + " @" + seed;
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        requests.add(sampling);
        List<Candidate> candidates = new ArrayList<>();
        List<SampleFailure> failures = new ArrayList<>();
        for (int i = 0; i < sampling.n(); i++) {
            long seed = sampling.seed() + i;
            if (failingSeeds.contains(seed)) {
                failures.add(new SampleFailure(i, "IllegalStateException: seed " + seed + " fails", false));
            } else {
                candidates.add(new Candidate(answer(prompt, seed), i));
            }
        }
        if (candidates.isEmpty()) {
            throw new LlmException("every sample failed", new IllegalStateException("seed " + sampling.seed()));
        }
        return new Generation(candidates, failures, new TokenUsage(10L * candidates.size(), 2L * candidates.size()));
    }

    @Override
    public String modelId() {
        return "fake-model";
    }

    @Override
    public String name() {
        return "counting";
    }
}

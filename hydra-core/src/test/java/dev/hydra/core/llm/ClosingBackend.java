package dev.hydra.core.llm;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import java.util.List;

/** A backend that owns a resource; tests override {@link #close()}. */
abstract class ClosingBackend implements LlmBackend, AutoCloseable {

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        return Generation.of(List.of(new Candidate("x", 0)), TokenUsage.ZERO);
    }

    @Override
    public String modelId() {
        return "closing-model";
    }

    @Override
    public String name() {
        return "closing";
    }
}

package dev.hydra.testkit.reference;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.CrankyLlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import dev.hydra.testkit.ScriptedLlmBackend;

/**
 * The backend kit on a cranky backend whose failures the kit's prompts happen to survive: reported failures
 * count as accounted-for samples. Seed and rates are fixed, so the outcome is too.
 */
class CrankyLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {

    @Override
    protected LlmBackend backend() {
        return CrankyLlmBackend.wrap(ScriptedLlmBackend.answering("A headline"))
                .failureRate(0.15)
                .timeoutRate(0.1)
                .seed(3)
                .build();
    }
}

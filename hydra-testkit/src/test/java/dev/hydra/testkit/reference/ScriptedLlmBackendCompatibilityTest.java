package dev.hydra.testkit.reference;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import dev.hydra.testkit.ScriptedLlmBackend;

/** The backend kit on the scripted backend of the testkit. */
class ScriptedLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {

    @Override
    protected LlmBackend backend() {
        return ScriptedLlmBackend.builder()
                .when("tubeless", "Why tubeless tyres win on gravel")
                .fallback((prompt, i) -> "Headline " + i + " for " + prompt.lastUserText().length() + " chars")
                .build();
    }
}

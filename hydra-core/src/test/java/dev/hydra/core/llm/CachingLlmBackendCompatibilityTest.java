package dev.hydra.core.llm;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.CrankyLlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The backend kit on {@link CachingLlmBackend} over a flaky scripted backend: the cache keeps the contract. */
class CachingLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {

    @TempDir
    static Path dir;

    @Override
    protected LlmBackend backend() {
        LlmBackend flaky = CrankyLlmBackend.wrap(ScriptedLlmBackend.builder()
                .fallback((prompt, i) -> "Headline " + i + " for " + prompt.lastUserText().length()).build())
                .failureRate(0.2).timeoutRate(0.0).seed(3).build();
        return new CachingLlmBackend(flaky, new LlmResponseCache(dir));
    }
}

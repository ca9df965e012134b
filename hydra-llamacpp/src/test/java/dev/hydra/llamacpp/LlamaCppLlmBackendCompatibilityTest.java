package dev.hydra.llamacpp;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend kit on the llama.cpp path: {@link LangChain4jLlmBackend} over {@link LlamaCppChatModel}, with the
 * model the tests write ({@link TinyLlama}) on one slot, where greedy answers repeat by llama.cpp's guarantee.
 */
class LlamaCppLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {

    @TempDir
    static Path dir;

    private static LangChain4jLlmBackend backend;

    @BeforeAll
    static void load() {
        backend = LangChain4jLlmBackend.builder().chatModel(TinyLlama.builder(dir).build())
                .name("llamacpp").ownsModel(true).build();
    }

    @AfterAll
    static void close() throws Exception {
        backend.close();
    }

    @Override
    protected LlmBackend backend() {
        return backend;
    }
}

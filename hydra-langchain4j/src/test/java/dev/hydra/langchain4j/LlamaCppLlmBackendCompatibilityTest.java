package dev.hydra.langchain4j;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend kit on the llama.cpp path: {@link LangChain4jLlmBackend} over {@link LlamaCppChatModel}. */
class LlamaCppLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {

    private static LangChain4jLlmBackend backend;

    @BeforeAll
    static void load() {
        backend = LangChain4jLlmBackend.builder().chatModel(SharedModels.storiesBuilder().parallel(2).build())
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

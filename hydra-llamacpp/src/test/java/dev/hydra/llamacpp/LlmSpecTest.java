package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmSpecTest {

    @TempDir
    Path home;

    @Test
    void should_parse_the_three_forms() {
        assertEquals(new LlmSpec(LlmSpec.Kind.SMOLLM2, "", ""), LlmSpec.parse("smollm2"));
        assertEquals(new LlmSpec(LlmSpec.Kind.GGUF, "/models/a b.gguf", ""), LlmSpec.parse("gguf:/models/a b.gguf"));
        assertEquals(new LlmSpec(LlmSpec.Kind.OPENAI, "http://localhost:8080/v1", "qwen"),
                LlmSpec.parse(" openai:http://localhost:8080/v1#qwen "));
    }

    @Test
    void should_split_an_openai_spec_at_the_last_hash() {
        // when
        LlmSpec spec = LlmSpec.parse("openai:https://api.example.com/v1#gpt-4o-mini");
        // then
        assertEquals("https://api.example.com/v1", spec.location());
        assertEquals("gpt-4o-mini", spec.model());
        assertEquals("openai", spec.backendName());
        assertEquals("gpt-4o-mini@https://api.example.com/v1", spec.modelId());
        assertEquals("openai:https://api.example.com/v1#gpt-4o-mini", spec.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "llama", "gguf:", "openai:", "openai:http://x", "openai:http://x#",
            "openai:#model", "openai:ftp://x#m", "SMOLLM2"})
    void should_reject_anything_else_naming_the_forms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlmSpec.parse(text));
        assertTrue(e.getMessage().contains(LlmSpec.FORMS), e.getMessage());
    }

    @Test
    void should_name_the_local_model_and_its_thread_count_for_the_cache() {
        // llama.cpp answers otherwise on 1 thread than on 2: their cached answers must not mix
        assertEquals(LocalModels.SMOLLM2_MODEL_ID + "+t1", LlmSpec.parse("smollm2").modelId(1));
        assertEquals(LocalModels.SMOLLM2_MODEL_ID + "+t2", LlmSpec.parse("smollm2").modelId(2));
        int threads = LlmSpec.localThreads(System.getenv("HYDRA_LLM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        assertEquals(LocalModels.SMOLLM2_MODEL_ID + "+t" + threads, LlmSpec.parse("smollm2").modelId());
        assertEquals("llamacpp", LlmSpec.parse("smollm2").backendName());
        Path tiny = TinyLlama.write(home);
        assertEquals("gguf:tiny-llama.gguf:" + tiny.toFile().length() + "+t2",
                LlmSpec.parse("gguf:" + tiny).modelId(2));
        assertEquals("gpt-4o-mini@https://api.example.com/v1",
                LlmSpec.parse("openai:https://api.example.com/v1#gpt-4o-mini").modelId(2), "no threads of a server");
    }

    @Test
    void should_open_a_gguf_file_as_an_owning_backend() throws Exception {
        // given
        LlmSpec spec = LlmSpec.parse("gguf:" + TinyLlama.write(home));
        // when
        LangChain4jLlmBackend backend = spec.open(home);
        // then
        try (backend) {
            assertEquals("llamacpp", backend.name());
            assertInstanceOf(LlamaCppChatModel.class, backend.chatModel());
        }
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> ((LlamaCppChatModel) backend.chatModel()).chat("Once"));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void should_fail_clearly_on_a_missing_gguf_file() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlmSpec.parse("gguf:" + home.resolve("none.gguf")).open(home));
        assertTrue(e.getMessage().contains("none.gguf") && e.getMessage().contains("--llm gguf:PATH"),
                e.getMessage());
    }

    @Test
    void should_make_an_openai_compatible_model_without_calling_it() {
        // when
        var model = LlmSpec.parse("openai:http://127.0.0.1:9/v1#some-model").chatModel(home);
        // then
        assertEquals(ModelProvider.OPEN_AI, assertInstanceOf(OpenAiChatModel.class, model).provider());
        assertEquals("some-model", model.defaultRequestParameters().modelName());
    }

    @Test
    void should_use_every_processor_for_a_local_model_unless_told_otherwise() {
        assertEquals(2, LlmSpec.localThreads(null, 2));
        assertEquals(8, LlmSpec.localThreads("", 64));
        assertEquals(1, LlmSpec.localThreads(" 1 ", 2));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LlmSpec.localThreads("two", 2));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("HYDRA_LLM_THREADS"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LlmSpec.localThreads("0", 2));
    }
}

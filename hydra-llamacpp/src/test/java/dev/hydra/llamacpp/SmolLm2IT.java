package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real local model, SmolLM2-135M-Instruct, obtained as a fresh machine would: through
 * {@link LocalModels#ensureSmolLm2(Path)} into {@code HYDRA_HOME/models} (fetched once, then reused).
 */
class SmolLm2IT {

    // one slot: only there does a greedy answer repeat and a seed decide a sample (LlamaCppChatModel's javadoc)

    private static LangChain4jLlmBackend backend;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void load() {
        Path gguf = LocalModels.ensureSmolLm2(LocalModels.hydraHome());
        backend = LangChain4jLlmBackend.builder()
                .chatModel(LlamaCppChatModel.builder().modelPath(gguf).contextSize(512).parallel(1).build())
                .name("llamacpp").modelId(LocalModels.SMOLLM2_MODEL_ID).ownsModel(true).build();
    }

    @AfterAll
    static void close() throws Exception {
        backend.close();
    }

    private static List<String> texts(Generation g) {
        return g.candidates().stream().map(Candidate::text).toList();
    }

    @Test
    void should_answer_a_short_instruction() {
        // when
        Generation g = backend.generate(Prompt.ofUser("What is the capital of France? Answer in one word."),
                Sampling.greedy(8));
        // then
        assertFalse(g.candidates().get(0).text().isBlank(), g.toString());
        assertTrue(g.usage().inputTokens() > 5 && g.usage().outputTokens() > 0, g.usage().toString());
    }

    @Test
    void should_repeat_the_greedy_answer() {
        // given
        Prompt prompt = Prompt.ofUser("Name one fruit.");
        // when
        String first = backend.generate(prompt, Sampling.greedy(10)).candidates().get(0).text();
        String second = backend.generate(prompt, Sampling.greedy(10)).candidates().get(0).text();
        // then
        assertEquals(first, second);
    }

    @Test
    void should_give_varied_samples_at_temperature_one() {
        // when
        Generation g = backend.generate(Prompt.ofUser("Write a title for a short story about a cat."),
                new Sampling(8, 1.0, 12, 0));
        // then
        assertEquals(8, g.candidates().size(), g.failures().toString());
        Set<String> distinct = new HashSet<>(texts(g));
        assertTrue(distinct.size() > 1, "all 8 samples were: " + distinct);
    }

    @Test
    void should_serve_a_second_identical_run_from_the_cache_without_model_calls() {
        // given
        Prompt prompt = Prompt.ofUser("Give a one-line tip for sleeping well.");
        Sampling eight = new Sampling(8, 1.0, 12, 5);
        CachingLlmBackend firstRun = new CachingLlmBackend(backend, new LlmResponseCache(cacheDir));
        Generation first = firstRun.generate(prompt, eight);
        // when: a second run, as after a restart
        CachingLlmBackend secondRun = new CachingLlmBackend(backend, new LlmResponseCache(cacheDir));
        Generation second = secondRun.generate(prompt, eight);
        // then
        assertEquals(1, firstRun.delegateCalls());
        assertEquals(0, secondRun.delegateCalls());
        assertEquals(8, secondRun.cache().hits());
        assertEquals(texts(first), texts(second));
    }
}

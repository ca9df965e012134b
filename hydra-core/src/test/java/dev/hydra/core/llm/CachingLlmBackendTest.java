package dev.hydra.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingLlmBackendTest {

    @TempDir
    Path dir;

    private final CountingBackend model = new CountingBackend();
    private final Prompt prompt = Prompt.ofUser("tag this movie");
    private final Sampling four = new Sampling(4, 1.0, 16, 100);

    private CachingLlmBackend backend() {
        return new CachingLlmBackend(model, new LlmResponseCache(dir));
    }

    private static List<String> texts(Generation g) {
        return g.candidates().stream().map(Candidate::text).toList();
    }

    @Test
    void should_serve_a_repeated_request_from_the_cache_without_asking_the_model() {
        // given
        CachingLlmBackend first = backend();
        Generation fresh = first.generate(prompt, four);
        // when: a new instance over the same folder, as in a rerun
        CachingLlmBackend second = backend();
        Generation again = second.generate(prompt, four);
        // then
        assertEquals(1, model.requests.size());
        assertEquals(texts(fresh), texts(again));
        assertEquals(List.of("tag this movie @100", "tag this movie @101", "tag this movie @102",
                "tag this movie @103"), texts(again));
        assertEquals(4, first.cache().misses());
        assertEquals(0, first.cache().hits());
        assertEquals(4, second.cache().hits());
        assertEquals(0, second.cache().misses());
        assertEquals(0, second.delegateCalls());
        assertEquals(new TokenUsage(40, 8), fresh.usage());
        assertEquals(TokenUsage.ZERO, again.usage());
    }

    @Test
    void should_ask_the_model_only_for_the_samples_it_lacks() {
        // given
        CachingLlmBackend backend = backend();
        backend.generate(prompt, four.withN(2));
        // when
        Generation g = backend.generate(prompt, four.withN(5));
        // then
        assertEquals(2, model.requests.size());
        assertEquals(new Sampling(3, 1.0, 16, 102), model.requests.get(1));
        assertEquals(List.of(0, 1, 2, 3, 4), g.candidates().stream().map(Candidate::sampleIndex).toList());
        assertEquals("tag this movie @104", g.candidates().get(4).text());
        assertEquals(2, backend.cache().hits());
        assertEquals(new TokenUsage(30, 6), g.usage());
    }

    @Test
    void should_ask_each_run_of_missing_samples_with_its_own_seed() {
        // given: samples 0..3 cached, then 1 and 2 deleted
        CachingLlmBackend backend = backend();
        backend.generate(prompt, four);
        backend.cache().delete(CacheKey.of("counting", "fake-model", prompt, four, 1));
        backend.cache().delete(CacheKey.of("counting", "fake-model", prompt, four, 2));
        // when
        Generation g = backend.generate(prompt, four.withN(6));
        // then
        assertEquals(List.of(new Sampling(2, 1.0, 16, 101), new Sampling(2, 1.0, 16, 104)),
                model.requests.subList(1, 3));
        assertEquals(6, g.candidates().size());
        assertEquals("tag this movie @102", g.candidates().get(2).text());
    }

    @Test
    void should_detect_a_damaged_entry_and_fetch_the_answer_again() throws Exception {
        // given
        CachingLlmBackend backend = backend();
        backend.generate(prompt, four);
        Path entry = backend.cache().fileOf(CacheKey.of("counting", "fake-model", prompt, four, 3));
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 12] ^= 0x20; // one bit of the answer
        Files.write(entry, bytes);
        // when
        Generation g = backend.generate(prompt, four);
        // then
        assertEquals("tag this movie @103", g.candidates().get(3).text());
        assertEquals(new Sampling(1, 1.0, 16, 103), model.requests.get(1));
        assertEquals(1, backend.cache().corruptEntries());
        assertEquals(4, backend().generate(prompt, four).candidates().size());
        assertEquals(2, model.requests.size());
    }

    @Test
    void should_treat_truncated_empty_and_foreign_entries_as_misses() throws Exception {
        // given
        CachingLlmBackend backend = backend();
        backend.generate(prompt, four);
        LlmResponseCache cache = backend.cache();
        Path e0 = cache.fileOf(CacheKey.of("counting", "fake-model", prompt, four, 0));
        Path e1 = cache.fileOf(CacheKey.of("counting", "fake-model", prompt, four, 1));
        Path e2 = cache.fileOf(CacheKey.of("counting", "fake-model", prompt, four, 2));
        byte[] whole = Files.readAllBytes(e0);
        Files.write(e0, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(e1, new byte[0]);
        Files.copy(cache.fileOf(CacheKey.of("counting", "fake-model", prompt, four, 3)), e2,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // when
        Generation g = backend.generate(prompt, four);
        // then
        assertEquals(List.of("tag this movie @100", "tag this movie @101", "tag this movie @102",
                "tag this movie @103"), texts(g));
        assertEquals(3, cache.corruptEntries());
    }

    @Test
    void should_report_failed_samples_without_caching_them() {
        // given
        model.failingSeeds = Set.of(101L);
        CachingLlmBackend backend = backend();
        // when
        Generation g = backend.generate(prompt, four);
        // then
        assertEquals(3, g.candidates().size());
        assertEquals(List.of(new SampleFailure(1, "IllegalStateException: seed 101 fails", false)), g.failures());
        // when the model recovers, only the failed sample is asked again
        model.failingSeeds = Set.of();
        Generation again = backend.generate(prompt, four);
        assertEquals(4, again.candidates().size());
        assertEquals(new Sampling(1, 1.0, 16, 101), model.requests.get(1));
    }

    @Test
    void should_throw_the_models_exception_when_nothing_is_cached_and_every_sample_fails() {
        // given
        model.failingSeeds = Set.of(100L, 101L, 102L, 103L);
        // when
        LlmException e = assertThrows(LlmException.class, () -> backend().generate(prompt, four));
        // then
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertFalse(Files.exists(backend().cache().fileOf(CacheKey.of("counting", "fake-model", prompt, four, 0))));
    }

    @Test
    void should_return_cached_samples_and_report_the_rest_when_the_model_fails_entirely() {
        // given
        CachingLlmBackend backend = backend();
        backend.generate(prompt, four.withN(1));
        model.failingSeeds = Set.of(101L, 102L);
        // when
        Generation g = backend.generate(prompt, four.withN(3));
        // then
        assertEquals(List.of("tag this movie @100"), texts(g));
        assertEquals(List.of(1, 2), g.failures().stream().map(SampleFailure::sampleIndex).toList());
    }

    @Test
    void should_key_entries_on_model_prompt_and_sampling() {
        // given
        CachingLlmBackend backend = backend();
        backend.generate(prompt, four);
        // when
        backend.generate(prompt, new Sampling(4, 0.5, 16, 100));
        backend.generate(prompt, new Sampling(4, 1.0, 17, 100));
        backend.generate(prompt, new Sampling(4, 1.0, 16, 7));
        backend.generate(Prompt.ofUser("tag this film"), four);
        // then
        assertEquals(5, model.requests.size());
        assertEquals(0, backend.cache().hits());
    }

    @Test
    void should_stay_consistent_under_concurrent_use() throws Exception {
        // given
        CachingLlmBackend backend = backend();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // when: 8 threads ask overlapping requests, some the same
            List<Future<Generation>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                Prompt p = Prompt.ofUser("question " + (t % 4));
                results.add(pool.submit(() -> backend.generate(p, four)));
            }
            // then
            for (int t = 0; t < 64; t++) {
                Generation g = results.get(t).get();
                for (Candidate c : g.candidates()) {
                    assertEquals("question " + (t % 4) + " @" + (100 + c.sampleIndex()), c.text());
                }
                assertEquals(4, g.candidates().size());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(64 * 4, backend.cache().hits() + backend.cache().misses());
        assertEquals(0, backend.cache().corruptEntries());
        assertEquals(4, backend().generate(Prompt.ofUser("question 0"), four).candidates().size());
    }

    @Test
    void should_be_transparent_about_name_and_model_and_close_its_delegate() throws Exception {
        // given
        boolean[] closed = {false};
        class Closeable extends dev.hydra.core.llm.ClosingBackend {
            @Override
            public void close() {
                closed[0] = true;
            }
        }
        CachingLlmBackend backend = new CachingLlmBackend(new Closeable(), new LlmResponseCache(dir));
        // when
        backend.close();
        // then
        assertTrue(closed[0]);
        assertEquals("closing", backend.name());
        assertEquals("closing-model", backend.modelId());
        assertSame(dir, backend.cache().directory());
    }
}

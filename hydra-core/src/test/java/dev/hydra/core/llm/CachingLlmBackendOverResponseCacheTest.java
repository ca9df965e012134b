package dev.hydra.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link CachingLlmBackend} over a {@link ResponseCache} that is not a folder, as a database's. */
class CachingLlmBackendOverResponseCacheTest {

    /** A response cache in a map, counting as the real ones do. */
    static final class MapResponseCache implements ResponseCache {
        final Map<String, String> entries = new TreeMap<>();
        long hits;
        long misses;

        @Override
        public Optional<String> get(CacheKey key) {
            String text = entries.get(key.canonical());
            if (text == null) {
                misses++;
            } else {
                hits++;
            }
            return Optional.ofNullable(text);
        }

        @Override
        public void put(CacheKey key, String text) {
            entries.put(key.canonical(), text);
        }

        @Override
        public boolean delete(CacheKey key) {
            return entries.remove(key.canonical()) != null;
        }

        @Override
        public int purge(Predicate<String> holds) {
            int before = entries.size();
            entries.entrySet().removeIf(e -> holds.test(e.getKey() + "\n" + e.getValue()));
            return before - entries.size();
        }

        @Override
        public long hits() {
            return hits;
        }

        @Override
        public long misses() {
            return misses;
        }

        @Override
        public String toString() {
            return "MapResponseCache";
        }
    }

    private final CountingBackend model = new CountingBackend();
    private final Prompt prompt = Prompt.ofUser("tag this movie");
    private final Sampling four = new Sampling(4, 1.0, 16, 100);

    @Test
    void should_answer_from_any_response_cache_and_ask_the_model_only_for_missing_samples() {
        // given: samples 1 and 2 answered before
        MapResponseCache cache = new MapResponseCache();
        CachingLlmBackend backend = new CachingLlmBackend(model, cache);
        backend.generate(prompt, four);
        cache.delete(CacheKey.of("counting", "fake-model", prompt, four, 1));
        cache.delete(CacheKey.of("counting", "fake-model", prompt, four, 2));
        // when
        List<String> again = backend.generate(prompt, four).candidates().stream().map(Candidate::text).toList();
        // then: one more request, for the two missing samples, and every sample in the cache again
        assertEquals(2, model.requests.size());
        assertEquals(4, again.size());
        assertTrue(again.containsAll(List.of("tag this movie @101", "tag this movie @102")), again.toString());
        assertEquals(4, cache.entries.size());
        assertEquals(2, cache.hits());
        assertSame(cache, backend.responseCache());
    }

    @Test
    void should_refuse_to_return_a_folder_cache_it_does_not_have_naming_the_accessor_to_use() {
        // given
        CachingLlmBackend backend = new CachingLlmBackend(model, new MapResponseCache());
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, backend::cache);
        // then
        assertTrue(e.getMessage().contains("MapResponseCache") && e.getMessage().contains("responseCache()"),
                e.getMessage());
    }
}

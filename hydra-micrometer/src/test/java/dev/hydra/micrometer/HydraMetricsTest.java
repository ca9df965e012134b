package dev.hydra.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Role;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.Retriever;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HydraMetricsTest {

    private static final UserId ALICE = UserId.of("alice");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HydraMetrics metrics = new HydraMetrics(registry);

    /** A pipeline whose reranker throws and whose black box fails one sample of three. */
    private Hydra pipeline() {
        Retriever retriever = mock(Retriever.class);
        when(retriever.name()).thenReturn("bm25");
        when(retriever.retrieve(any(), anyInt())).thenReturn(List.of(
                new Scored<>(HistoryItem.of("a1", ALICE, "my brakes squeal", "Squealing brakes"), 1.0)));
        Reranker reranker = mock(Reranker.class);
        when(reranker.name()).thenReturn("hydra");
        when(reranker.rerank(any(), any(), anyInt())).thenThrow(new IllegalStateException("head damaged"));
        LlmBackend backend = mock(LlmBackend.class);
        when(backend.name()).thenReturn("scripted");
        when(backend.generate(any(), any())).thenReturn(new Generation(
                List.of(new Candidate("Quiet brakes", 0), new Candidate("Brake tips", 1)),
                List.of(new SampleFailure(2, "timeout", true)), TokenUsage.ZERO));
        return Hydra.builder().retriever(retriever).reranker(reranker).backend(backend).task(new ChatTask())
                .config(HydraConfig.DEFAULTS.withRetrieval(10, 1).withSampling(3, 1.0)).greedyInPool(false)
                .listener(metrics).build();
    }

    @Test
    void should_time_every_stage_by_stage_and_plugin() {
        // when
        pipeline().personalize(ALICE, List.of(new ChatTurn(Role.USER, "brakes?")));
        pipeline().personalize(ALICE, List.of(new ChatTurn(Role.USER, "brakes?")));

        // then
        assertEquals(2, registry.get(HydraMetrics.STAGE).tags("stage", "retrieve", "plugin", "bm25").timer().count());
        assertEquals(2, registry.get(HydraMetrics.STAGE).tags("stage", "rerank", "plugin", "hydra").timer().count());
        assertEquals(2, registry.get(HydraMetrics.STAGE).tags("stage", "generate", "plugin", "scripted").timer()
                .count());
        assertEquals(2, registry.get(HydraMetrics.STAGE).tags("stage", "adapt", "plugin", "none").timer().count());
    }

    @Test
    void should_count_failures_degradations_and_samples() {
        // when
        pipeline().personalize(ALICE, List.of(new ChatTurn(Role.USER, "brakes?")));

        // then
        assertEquals(1.0, registry.get(HydraMetrics.FAILURES).tags("stage", "rerank", "plugin", "hydra", "exception",
                "IllegalStateException").counter().count());
        assertEquals(1.0, registry.get(HydraMetrics.DEGRADATIONS).tags("stage", "rerank", "kind", "plugin_failed")
                .counter().count());
        assertEquals(1.0, registry.get(HydraMetrics.DEGRADATIONS).tags("stage", "generate", "plugin", "scripted",
                "kind", "samples_failed").counter().count());
        assertEquals(2.0, registry.get(HydraMetrics.SAMPLES).tags("backend", "scripted", "outcome", "answered")
                .counter().count());
        assertEquals(1.0, registry.get(HydraMetrics.SAMPLES).tags("backend", "scripted", "outcome", "failed")
                .counter().count());
    }

    @Test
    void should_never_tag_a_meter_with_the_user() {
        // when
        pipeline().personalize(ALICE, List.of(new ChatTurn(Role.USER, "brakes?")));

        // then
        for (Meter meter : registry.getMeters()) {
            meter.getId().getTags().forEach(t -> assertTrue(!t.getValue().contains("alice")
                    && !t.getValue().contains("brakes"), meter.getId().toString()));
        }
    }

    @Test
    void should_count_cache_hits_and_misses(@TempDir Path dir) {
        // given
        LlmResponseCache cache = new LlmResponseCache(dir);
        CacheKey key = CacheKey.of("scripted", "m", Prompt.ofUser("brakes?"), new Sampling(1, 0.0, 8, 1), 0);
        metrics.bindLlmCache("llm", cache);

        // when
        cache.get(key);
        cache.put(key, "Quiet brakes");
        cache.get(key);
        cache.get(key);

        // then
        assertEquals(2.0, registry.get(HydraMetrics.CACHE).tags("cache", "llm", "result", "hit").functionCounter()
                .count());
        assertEquals(1.0, registry.get(HydraMetrics.CACHE).tags("cache", "llm", "result", "miss").functionCounter()
                .count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics.bindLlmCache(" ", cache));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        assertNull(registry.find(HydraMetrics.CACHE).tags("cache", " ").functionCounter());
    }
}

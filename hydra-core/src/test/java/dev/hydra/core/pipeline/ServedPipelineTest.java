package dev.hydra.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.task.ChatTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServedPipelineTest {

    private static Hydra pipeline() {
        return Hydra.builder().backend(mock(LlmBackend.class)).task(new ChatTask())
                .config(HydraConfig.DEFAULTS.withRetrieval(10, 0)).build();
    }

    /** Resources that count their closes and know whether they are closed. */
    private static final class Resources implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        boolean closed() {
            return closes.get() > 0;
        }
    }

    @Test
    void should_serve_the_new_version_to_new_requests_and_keep_the_old_one_for_its_holders() {
        // given
        Hydra v1 = pipeline();
        Hydra v2 = pipeline();
        Resources r1 = new Resources();
        ServedPipeline served = ServedPipeline.of("v1", v1, r1);
        ServedPipeline.Lease before = served.acquire();

        // when
        String replaced = served.switchTo("v2", v2, null);

        // then
        assertEquals("v1", replaced);
        assertSame(v1, before.pipeline());
        assertEquals("v1", before.version());
        assertFalse(r1.closed(), "v1 closed while a request holds it");
        try (ServedPipeline.Lease after = served.acquire()) {
            assertSame(v2, after.pipeline());
            assertEquals("v2", after.version());
        }
        before.close();
        assertEquals(1, r1.closes.get(), "v1 is closed once its last request ends");
        before.close();
        assertEquals(1, r1.closes.get(), "closing a lease twice releases it once");
    }

    @Test
    void should_close_a_retired_version_at_once_when_no_request_holds_it() {
        // given
        Resources r1 = new Resources();
        ServedPipeline served = ServedPipeline.of("v1", pipeline(), r1);

        // when
        served.switchTo("v2", pipeline(), null);

        // then
        assertEquals(1, r1.closes.get());
        assertEquals("v2", served.version());
    }

    @Test
    void should_refuse_requests_and_switches_once_closed() {
        // given
        Resources r1 = new Resources();
        ServedPipeline served = ServedPipeline.of("v1", pipeline(), r1);

        // when
        served.close();
        served.close();

        // then
        assertEquals(1, r1.closes.get(), "closed once, however often close is called");
        IllegalStateException acquire = assertThrows(IllegalStateException.class, served::acquire);
        assertTrue(acquire.getMessage().contains("closed"), acquire.getMessage());
        IllegalStateException swap = assertThrows(IllegalStateException.class,
                () -> served.switchTo("v2", pipeline(), null));
        assertTrue(swap.getMessage().contains("v2"), swap.getMessage());
    }

    @Test
    void should_reject_a_version_without_a_name() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServedPipeline.of(" ", pipeline(), null));

        // then
        assertTrue(e.getMessage().contains("version name"), e.getMessage());
    }

    @Test
    void should_never_close_a_version_a_request_holds_while_versions_switch_under_load() throws Exception {
        // given: 8 callers take a lease, check their version is open, hold it briefly, check again
        int versions = 200;
        List<Hydra> pipelines = new ArrayList<>();
        List<Resources> resources = new ArrayList<>();
        for (int v = 0; v <= versions; v++) {
            pipelines.add(pipeline());
            resources.add(new Resources());
        }
        ServedPipeline served = ServedPipeline.of("v0", pipelines.get(0), resources.get(0));
        ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            running.add(callers.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    try (ServedPipeline.Lease lease = served.acquire()) {
                        int v = Integer.parseInt(lease.version().substring(1));
                        if (resources.get(v).closed() || lease.pipeline() != pipelines.get(v)) {
                            failures.incrementAndGet();
                        }
                        Thread.yield();
                        if (resources.get(v).closed()) {
                            failures.incrementAndGet();
                        }
                        seen.merge(lease.version(), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }

        // when
        start.countDown();
        for (int v = 1; v <= versions; v++) {
            served.switchTo("v" + v, pipelines.get(v), resources.get(v));
            Thread.yield();
        }
        for (Future<?> f : running) {
            f.get(1, TimeUnit.MINUTES);
        }
        callers.shutdown();

        // then
        assertEquals(0, failures.get(), "requests saw a closed version or another version's pipeline");
        assertEquals(16_000, seen.values().stream().mapToInt(Integer::intValue).sum());
        for (int v = 0; v < versions; v++) {
            assertEquals(1, resources.get(v).closes.get(), "retired version v" + v + " closed exactly once");
        }
        assertEquals(0, resources.get(versions).closes.get(), "the served version stays open");
    }
}

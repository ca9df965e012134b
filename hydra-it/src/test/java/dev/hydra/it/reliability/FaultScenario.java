package dev.hydra.it.reliability;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.task.ChatTask;
import dev.hydra.retrievers.Bm25RetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.hydra.testkit.CrankyLlmBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4, black-box faults: a black box that fails 30% of samples and times out 5%, directly and behind the
 * response cache. Every call must end in an answer (degraded ones say so) or a clear {@link HydraException};
 * anything else, or an answer that hides failed samples, is a lost request.
 */
final class FaultScenario {

    private FaultScenario() {}

    static Map<String, Object> run(Path home, Sizes sizes, long seed, PrintWriter log) throws InterruptedException {
        CanaryHistory history = CanaryHistory.generate("flt", 100, 6, seed);
        Map<String, Object> out = new LinkedHashMap<>();
        try (LuceneHistoryStore store = LuceneHistoryStore.open(home.resolve("history"))) {
            store.addAll(history.allItems());
            CrankyLlmBackend cranky = CrankyLlmBackend.wrap(TinyTraining.echo()).failureRate(0.30).timeoutRate(0.05)
                    .timeoutDelay(Duration.ofMillis(20)).seed(seed).build();
            int cached = Math.max(1, sizes.faultCalls() / 5);
            log.printf(Locale.ROOT,
                    "faults: %,d calls to a black box failing 30%% and timing out 5%% of samples (%,d of them "
                            + "behind the response cache) ...%n",
                    sizes.faultCalls() + cached, cached);
            Counts direct = load(pipeline(store, cranky, seed), history, sizes.faultCalls(), sizes.threads(), seed);
            Counts viaCache = load(pipeline(store, new CachingLlmBackend(cranky,
                    new LlmResponseCache(LlmResponseCache.defaultDirectory(home))), seed), history, cached,
                    sizes.threads(), seed + 1);
            out.put("requests", direct.requests + viaCache.requests);
            out.put("answered", direct.answered.get() + viaCache.answered.get());
            out.put("degraded_answers", direct.degraded.get() + viaCache.degraded.get());
            out.put("clear_errors", direct.clearErrors.get() + viaCache.clearErrors.get());
            out.put("lost_requests", direct.lost.get() + viaCache.lost.get());
            out.put("injected_sample_failures", cranky.injectedFailures());
            out.put("injected_timeouts", cranky.injectedTimeouts());
            out.put("requests_behind_cache", viaCache.requests);
        }
        return out;
    }

    private static Hydra pipeline(LuceneHistoryStore store, LlmBackend backend, long seed) {
        return Hydra.builder()
                .retriever(new Bm25RetrieverProvider().create(new RetrieverContext(store, Optional.empty(), Map.of())))
                .backend(backend).task(new ChatTask()).config(new HydraConfig(10, 4, 4, 1.0, 64, seed)).build();
    }

    private static Counts load(Hydra hydra, CanaryHistory history, int calls, int threads, long seed)
            throws InterruptedException {
        Counts c = new Counts(calls);
        List<UserId> users = history.users();
        Load.run(calls, threads, seed, "faults", (i, random) -> {
            UserId user = users.get(random.nextInt(users.size()));
            // a distinct query per call, so that the cranky black box draws fresh failures
            String query = CanaryHistory.query(random) + " #" + i;
            try {
                HydraResult r = hydra.personalize(user, List.of(ChatTurn.user(query)));
                boolean honest = r.answer() != null && !r.answer().isBlank()
                        && r.failures().isEmpty() == r.degradations().isEmpty();
                (honest ? c.answered : c.lost).incrementAndGet();
                if (honest && r.degraded()) {
                    c.degraded.incrementAndGet();
                }
            } catch (HydraException e) {
                (e.getMessage() != null && !e.getMessage().isBlank() ? c.clearErrors : c.lost).incrementAndGet();
            } catch (RuntimeException e) {
                c.lost.incrementAndGet();
            }
        });
        return c;
    }

    /** What became of the calls of one load. */
    private static final class Counts {
        final int requests;
        final AtomicLong answered = new AtomicLong();
        final AtomicLong degraded = new AtomicLong();
        final AtomicLong clearErrors = new AtomicLong();
        final AtomicLong lost = new AtomicLong();

        Counts(int requests) {
            this.requests = requests;
        }
    }
}

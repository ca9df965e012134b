package dev.hydra.it.reliability;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.Role;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.core.pipeline.UsedItem;
import dev.hydra.core.task.ChatTask;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 1, isolation under load: many threads personalize for many users over one store (Lucene or
 * PostgreSQL), while a writer adds items; every prompt and every piece of evidence is searched for other users'
 * canaries.
 */
final class IsolationScenario {

    private IsolationScenario() {}

    static Map<String, Object> run(Path home, ScenarioStore stores, Sizes sizes, long seed, PrintWriter log)
            throws InterruptedException {
        CanaryHistory history = CanaryHistory.generate("iso", sizes.users(), 8, seed, true);
        Map<String, Object> out = new LinkedHashMap<>();
        try (ScenarioState state = stores.open(home, "isolation", Optional.empty(), true)) {
            HistoryStore store = state.history();
            List<dev.hydra.api.HistoryItem> all = history.allItems();
            for (int from = 0; from < all.size(); from += 2_000) {
                store.addAll(all.subList(from, Math.min(all.size(), from + 2_000)));
            }
            // the black box echoes the prompt's first demonstration, so that answers carry canaries too
            ScriptedLlmBackend llm = ScriptedLlmBackend.builder().recordPrompts(false)
                    .fallback((prompt, i) -> "answer " + i + ": " + prompt.turns().stream()
                            .filter(t -> t.role() == Role.ASSISTANT).map(ChatTurn::text).findFirst().orElse("none"))
                    .build();
            Hydra hydra = Hydra.builder()
                    .retriever(
                            ScenarioState.bm25(store))
                    .backend(llm).task(new ChatTask()).config(new HydraConfig(10, 4, 2, 1.0, 64, seed)).build();
            List<UserId> users = history.users();
            AtomicLong leaks = new AtomicLong();
            AtomicLong ownSeen = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong writes = new AtomicLong();
            Thread writer = writer(store, history, users, seed, running, writes);
            log.printf(Locale.ROOT, "isolation: %,d calls over %,d users on %d threads ...%n", sizes.calls(),
                    users.size(), sizes.threads());
            long start = System.nanoTime();
            long[] nanos = Load.run(sizes.calls(), sizes.threads(), seed, "isolation", (call, random) -> {
                UserId user = users.get(random.nextInt(users.size()));
                try {
                    HydraResult r = hydra.personalize(user, List.of(ChatTurn.user(CanaryHistory.query(random))));
                    int[] counts = history.count(user, evidence(r));
                    leaks.addAndGet(counts[1]);
                    if (counts[0] > 0) {
                        ownSeen.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    if (errors.incrementAndGet() <= 5) {
                        log.println("isolation: call failed: " + e);
                    }
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            writer.join();
            out.put("users", users.size());
            out.put("threads", sizes.threads());
            out.put("requests", sizes.calls());
            out.put("errors", errors.get());
            out.put("cross_user_leaks", leaks.get());
            out.put("requests_with_own_canaries", ownSeen.get());
            out.put("concurrent_item_writes", writes.get());
            out.put("p50_ms", Load.percentileMillis(nanos, 0.50));
            out.put("p99_ms", Load.percentileMillis(nanos, 0.99));
            out.put("throughput_per_s", Math.round(sizes.calls() / seconds));
            out.put("seconds", Math.round(seconds * 10) / 10.0);
        }
        return out;
    }

    /** Everything of a result that could hold another user's data: the prompt, the items used, the answers. */
    static String evidence(HydraResult r) {
        StringBuilder b = new StringBuilder(r.prompt().toString());
        r.prompt().turns().forEach(t -> b.append('\n').append(t.text()));
        for (UsedItem u : r.usedItems()) {
            b.append('\n').append(u.item().userId()).append(' ').append(u.item().input()).append(' ')
                    .append(u.item().output()).append(' ').append(u.item().attributes());
        }
        for (ScoredAnswer a : r.answers()) {
            b.append('\n').append(a.candidate().text());
        }
        return b.append('\n').append(r.answer()).toString();
    }

    /** Adds an item to a random user every few milliseconds while the load runs. */
    private static Thread writer(HistoryStore store, CanaryHistory history, List<UserId> users, long seed,
            AtomicBoolean running, AtomicLong writes) {
        Thread t = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            while (running.get()) {
                UserId user = users.get(random.nextInt(users.size()));
                store.add(history.newItem(user, "w" + writes.get()));
                writes.incrementAndGet();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "reliability-isolation-writer");
        t.start();
        return t;
    }
}

package dev.hydra.it.reliability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.data.JsonlHistoryReader;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 6, resource limits under hostile input: 10,000 concurrent requests for one user (the pipeline's
 * in-flight limit), a 1 MB query (its query limit) and a 1 MB history item, and a JSON Lines history whose line is
 * nested 100,000 deep, and one user with a huge history (a million items at full size, {@link HugeHistoryChild} in a
 * JVM of {@value #HUGE_HEAP} heap). Each must end in an answer or a clear error: {@code out_of_memory},
 * {@code hung} and {@code unclear_errors} (another exception, or one without a message naming the input) must be 0.
 */
final class LimitsScenario {

    private static final int FLOOD = 10_000;
    private static final long TIMEOUT_SECONDS = 300;

    /** The heap of the huge history's JVM. */
    static final String HUGE_HEAP = "512m";

    /** How long the huge history's JVM may take before it counts as hung. */
    private static final long HUGE_TIMEOUT_MINUTES = 60;

    private LimitsScenario() {}

    static Map<String, Object> run(Path home, Sizes sizes, long seed, PrintWriter log)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Counts tally = new Counts();
        Map<String, Object> out = new LinkedHashMap<>();
        log.printf(Locale.ROOT, "limits: %,d concurrent requests for one user, 1 MB texts, nested JSON ...%n", FLOOD);
        out.put("flood", flood(seed, tally));
        out.put("one_mb_query", outcome(tally, () -> hydra(ScriptedLlmBackend.answering("ok"), seed)
                .personalize(new Query(UserId.of("big"), "q".repeat(1 << 20), ChatTask.NAME)).answer(), "1048576"));
        out.put("one_mb_item", oneMbItem(home, tally));
        out.put("nested_json", nestedJson(home, tally));
        log.printf(Locale.ROOT, "limits: %,d items for one user, served with -Xmx%s ...%n", sizes.hugeHistory(),
                HUGE_HEAP);
        out.put("huge_history", hugeHistory(home.resolve("huge"), sizes.hugeHistory(), seed, tally));
        out.put("out_of_memory", tally.outOfMemory.get());
        out.put("hung", tally.hung.get());
        out.put("unclear_errors", tally.unclear.get());
        out.put("limits", Map.of("max_in_flight_per_user", Hydra.DEFAULT_MAX_IN_FLIGHT_PER_USER, "max_query_chars",
                Hydra.DEFAULT_MAX_QUERY_CHARS, "history_window", HistoryStore.DEFAULT_WINDOW));
        return out;
    }

    /** Counts of what must not happen. */
    private static final class Counts {
        final AtomicInteger outOfMemory = new AtomicInteger();
        final AtomicInteger hung = new AtomicInteger();
        final AtomicInteger unclear = new AtomicInteger();
    }

    /** Something that may fail. */
    @FunctionalInterface
    private interface Attempt {
        Object run() throws Exception;
    }

    /** "answered", "refused: <message>", or what went wrong, counted in the tally. */
    private static String outcome(Counts tally, Attempt attempt, String mustName) {
        try {
            Object result = attempt.run();
            return "answered" + (result instanceof Integer n ? " (" + n + ")" : "");
        } catch (OutOfMemoryError e) {
            tally.outOfMemory.incrementAndGet();
            return "out of memory";
        } catch (HydraException | IllegalArgumentException e) {
            boolean clear = e.getMessage() != null && e.getMessage().contains(mustName);
            tally.unclear.addAndGet(clear ? 0 : 1);
            return "refused: " + e.getMessage().substring(0, Math.min(200, e.getMessage().length()));
        } catch (Exception | Error e) {
            tally.unclear.incrementAndGet();
            return "unclear: " + e;
        }
    }

    private static Hydra hydra(ScriptedLlmBackend llm, long seed) {
        return Hydra.builder().backend(llm).task(new ChatTask()).config(new HydraConfig(0, 0, 1, 0.0, 16, seed))
                .build();
    }

    /** 10,000 requests of one user at once while the black box holds the first ones. */
    private static Map<String, Object> flood(long seed, Counts tally) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Hydra hydra = hydra(ScriptedLlmBackend.builder().recordPrompts(false).fallback((p, i) -> {
            try {
                release.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "ok";
        }).build(), seed);
        UserId user = UserId.of("flooder");
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch refusals = new CountDownLatch(FLOOD - Hydra.DEFAULT_MAX_IN_FLIGHT_PER_USER);
        CountDownLatch done = new CountDownLatch(FLOOD);
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(128,
                r -> new Thread(r, "flood-" + names.incrementAndGet()));
        long usedBefore = usedMemory();
        try {
            for (int i = 0; i < FLOOD; i++) {
                pool.execute(() -> {
                    String o = outcome(tally, () -> hydra.personalize(new Query(user, "hello", ChatTask.NAME)).answer(),
                            "maxInFlightPerUser");
                    if (o.startsWith("answered")) {
                        answered.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                        refusals.countDown();
                    }
                    done.countDown();
                });
            }
            boolean refusedAll = refusals.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long usedDuring = usedMemory();
            release.countDown();
            boolean finished = done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            tally.hung.addAndGet(finished ? 0 : (int) done.getCount());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("requests", FLOOD);
            out.put("answered", answered.get());
            out.put("refused_over_limit", refused.get());
            out.put("refused_before_release", refusedAll);
            out.put("heap_growth_mb_during_flood", Math.max(0, (usedDuring - usedBefore) >> 20));
            out.put("users_left_in_flight", hydra.inFlightUsers());
            return out;
        } finally {
            release.countDown();
            pool.shutdownNow();
            if (!pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                tally.hung.incrementAndGet();
            }
        }
    }

    /**
     * Runs {@link HugeHistoryChild} in a JVM with a small heap that ends on an OutOfMemoryError: its figures, or what
     * went wrong, counted in the tally (an OutOfMemoryError in {@code out_of_memory}, a timeout in {@code hung}).
     */
    private static Map<String, Object> hugeHistory(Path dir, int items, long seed, Counts tally)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path err = dir.resolve("child.err");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx" + HUGE_HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), HugeHistoryChild.class.getName(),
                dir.resolve("history").toString(), Long.toString(seed), Integer.toString(items))
                .redirectError(ProcessBuilder.Redirect.to(err.toFile())).start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        if (!p.waitFor(HUGE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            tally.hung.incrementAndGet();
            out.put("outcome", "hung: no result within " + HUGE_TIMEOUT_MINUTES + " minutes; see " + err);
            return out;
        }
        String said = stdout.join();
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        int result = said.indexOf("RESULT ");
        if (p.exitValue() == 0 && result >= 0) {
            out.put("outcome", "answered");
            out.putAll(new ObjectMapper().readValue(said.substring(result + 7).trim(),
                    new TypeReference<Map<String, Object>>() {}));
        } else if (errors.contains("OutOfMemoryError")) {
            tally.outOfMemory.incrementAndGet();
            out.put("outcome", "out of memory with -Xmx" + HUGE_HEAP + "; see " + err);
        } else {
            tally.unclear.incrementAndGet();
            out.put("outcome", "failed with status " + p.exitValue() + "; see " + err + ": "
                    + errors.substring(0, Math.min(300, errors.length())));
        }
        return out;
    }

    private static String oneMbItem(Path home, Counts tally) {
        return outcome(tally, () -> {
            try (LuceneHistoryStore store = LuceneHistoryStore.open(home.resolve("history"), Optional.empty())) {
                store.add(new HistoryItem("big", UserId.of("big"), "word ".repeat(1 << 18).trim(), "out",
                        Instant.ofEpochSecond(1_600_000_000L), Map.of()));
                return store.list(UserId.of("big")).get(0).input().length();
            }
        }, "big");
    }

    private static String nestedJson(Path home, Counts tally) throws IOException {
        Path file = home.resolve("nested.jsonl");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Files.writeString(file,
                "{\"user_id\":\"u\",\"id\":\"1\",\"input\":\"a\",\"output\":\"b\",\"attributes\":" + deep
                        + "}\n",
                StandardCharsets.UTF_8);
        return outcome(tally, () -> JsonlHistoryReader.read(file).size(), file.toString());
    }

    private static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

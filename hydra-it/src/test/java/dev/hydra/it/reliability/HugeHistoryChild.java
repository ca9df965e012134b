package dev.hydra.it.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.anchor.AnchoredAdapter;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.Bm25RetrieverProvider;
import dev.hydra.retrievers.DenseRetrieverProvider;
import dev.hydra.retrievers.HybridRetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.hydra.retrievers.RecencyRetrieverProvider;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The process of the limits scenario's huge history, run with a small heap ({@code -Xmx512m}): it ingests
 * {@code ITEMS} seeded items for one user into a Lucene history store with stand-in vectors (a hashing encoder of the
 * real encoder's dimension, as the retrieval bench's stand-in: a scan costs the same whatever the vectors mean), in
 * batches, then serves that user's requests through every retriever (Lucene BM25, dense, hybrid, recency, bm25-okapi
 * over its window) with the anchored adapter's history prior, and prints one line {@code RESULT <json>}: the times,
 * and the heap in use after a full collection before and after serving and its peak while serving.
 *
 * <p>Usage: {@code HugeHistoryChild DIR SEED ITEMS}.
 */
public final class HugeHistoryChild {

    /** The dimension of the stand-in vectors: the default encoder's (all-MiniLM-L6-v2). */
    static final int DIMENSION = 384;

    /** Items per {@code addAll}. */
    static final int BATCH = 10_000;

    /** Requests per retriever. */
    static final int REQUESTS = 8;

    /** The user with the huge history. */
    static final UserId USER = UserId.of("huge");

    private static final List<String> WORDS = List.of("garden", "river", "engine", "violin", "harbor", "orchard",
            "lantern", "glacier", "market", "novel", "bridge", "comet", "meadow", "pottery", "sailing", "thunder",
            "canyon", "festival", "library", "mountain", "review", "story", "camera", "guitar", "recipe", "travel",
            "winter", "summer", "coffee", "bicycle", "painting", "theatre");

    private HugeHistoryChild() {}

    /**
     * Ingests and serves, then prints the result line.
     *
     * @param args directory, seed, items
     * @throws Exception when the store cannot be written (the parent reports the exit status)
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int items = Integer.parseInt(args[2]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        FeatureHashingTextEncoder encoder = new FeatureHashingTextEncoder(DIMENSION);
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir, Optional.of(encoder))) {
            long start = System.nanoTime();
            ingest(store, seed, items);
            out.put("ingest_seconds", seconds(start));
            out.put("count", store.count(USER));
            out.put("heap_used_mb_before_serving", usedAfterGc());
            resetPeaks();
            start = System.nanoTime();
            out.put("retrievers", serve(store, encoder, seed));
            out.put("serve_seconds", seconds(start));
            out.put("heap_peak_mb_while_serving", peakHeap());
            out.put("heap_used_mb_after_serving", usedAfterGc());
        }
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out));
    }

    private static void ingest(HistoryStore store, long seed, int items) {
        Random random = new Random(seed);
        for (int from = 0; from < items; from += BATCH) {
            List<HistoryItem> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(items, from + BATCH); i++) {
                batch.add(new HistoryItem("i" + i, USER, text(random, 12 + random.nextInt(30)),
                        text(random, 3 + random.nextInt(6)), Instant.ofEpochSecond(1_500_000_000L + i * 60L),
                        Map.of()));
            }
            store.addAll(batch);
        }
    }

    private static Map<String, Object> serve(LuceneHistoryStore store, FeatureHashingTextEncoder encoder, long seed) {
        Map<String, RetrieverProvider> providers = new LinkedHashMap<>();
        providers.put("bm25", new Bm25RetrieverProvider());
        providers.put("dense", new DenseRetrieverProvider());
        providers.put("hybrid", new HybridRetrieverProvider());
        providers.put("recency", new RecencyRetrieverProvider());
        providers.put("bm25-okapi", new Bm25OkapiRetrieverProvider());
        Random random = new Random(seed + 1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, RetrieverProvider> p : providers.entrySet()) {
            Hydra hydra = Hydra.builder().backend(ScriptedLlmBackend.builder().recordPrompts(false)
                    .fallback((prompt, i) -> "answer " + i).build()).task(new ChatTask())
                    .retriever(p.getValue().create(new RetrieverContext(store, Optional.of(encoder), Map.of())))
                    .adapter(new AnchoredAdapter(new ChatTask(), null, store, new AnchorWeights(0, 1, 0, 1)))
                    .config(new HydraConfig(10, 4, 2, 1.0, 16, seed)).build();
            long[] millis = new long[REQUESTS];
            int used = 0;
            for (int r = 0; r < REQUESTS; r++) {
                long start = System.nanoTime();
                var answer = hydra.personalize(new Query(USER, text(random, 8), ChatTask.NAME));
                millis[r] = (System.nanoTime() - start) / 1_000_000;
                used += answer.usedItems().size();
            }
            Arrays.sort(millis);
            out.put(p.getKey(), Map.of("requests", REQUESTS, "items_used", used, "p50_ms", millis[REQUESTS / 2],
                    "max_ms", millis[REQUESTS - 1]));
        }
        return out;
    }

    private static String text(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return s.append(' ').append(Integer.toString(random.nextInt(1 << 20), 36)).toString();
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}

package dev.hydra.eval.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets of issue 20 for the PostgreSQL stores, checked against the Lucene figures of the same run: per
 * retriever, p50 within 3 ms and p99 within 15 ms of Lucene's; ingest with encoding at least 0.8x Lucene's; warm
 * head load p50 at most 0.1 ms and cold at most 2 ms; the decorator's overhead within 5 ms of Lucene's.
 */
final class StoreTargets {

    private StoreTargets() {}

    /**
     * Checks the report's two backends.
     *
     * @param report bench-stores.json's content, with {@code "lucene"} and {@code "postgres"}
     * @return one entry per target: what it is, the figures and whether it is met
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> check(Map<String, Object> report) {
        Map<String, Object> lucene = (Map<String, Object>) report.get("lucene");
        Map<String, Object> postgres = (Map<String, Object>) report.get("postgres");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String retriever : List.of("bm25-okapi", "dense")) {
            out.add(within("retrieve_p50_ms " + retriever, "<= lucene + 3 ms",
                    value(lucene, "retrieve_p50_ms", retriever), value(postgres, "retrieve_p50_ms", retriever), 3));
            out.add(within("retrieve_p99_ms " + retriever, "<= lucene + 15 ms",
                    value(lucene, "retrieve_p99_ms", retriever), value(postgres, "retrieve_p99_ms", retriever), 15));
        }
        double luceneIngest = ((Number) lucene.get("ingest_items_per_s")).doubleValue();
        double postgresIngest = ((Number) postgres.get("ingest_items_per_s")).doubleValue();
        out.add(entry("ingest_items_per_s", ">= 0.8 x lucene", luceneIngest, postgresIngest,
                postgresIngest >= 0.8 * luceneIngest));
        double warm = value(postgres, "head_load_p50_ms", "warm");
        out.add(entry("head_load_p50_ms warm", "<= 0.1 ms", value(lucene, "head_load_p50_ms", "warm"), warm,
                warm <= 0.1));
        double cold = value(postgres, "head_load_p50_ms", "cold");
        out.add(entry("head_load_p50_ms cold", "<= 2 ms", value(lucene, "head_load_p50_ms", "cold"), cold,
                cold <= 2));
        out.add(within("decorator_overhead_p50_ms", "<= lucene + 5 ms",
                ((Number) lucene.get("decorator_overhead_p50_ms")).doubleValue(),
                ((Number) postgres.get("decorator_overhead_p50_ms")).doubleValue(), 5));
        return out;
    }

    private static Map<String, Object> within(String figure, String target, double lucene, double postgres,
            double slackMs) {
        return entry(figure, target, lucene, postgres, postgres <= lucene + slackMs);
    }

    private static Map<String, Object> entry(String figure, String target, double lucene, double postgres,
            boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", figure);
        m.put("target", target);
        m.put("lucene", lucene);
        m.put("postgres", postgres);
        m.put("met", met);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> backend, String figure, String key) {
        return ((Number) ((Map<String, Object>) backend.get(figure)).get(key)).doubleValue();
    }
}

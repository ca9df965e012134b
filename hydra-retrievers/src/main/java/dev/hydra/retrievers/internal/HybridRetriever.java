package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009) of a lexical and a dense retriever: each item scores
 * {@code sum 1 / (k + rank)} over the lists it appears in (rank from 1), ties by item id.
 */
public final class HybridRetriever implements Retriever {

    private final String name;
    private final List<Retriever> parts;
    private final double k;
    private final int depth;

    /**
     * Creates the retriever.
     *
     * @param name its name
     * @param parts the fused retrievers
     * @param k the RRF constant (60 in the paper)
     * @param depth how many items each part contributes, at least the {@code m} asked for
     */
    public HybridRetriever(String name, List<Retriever> parts, double k, int depth) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.k = k;
        this.depth = depth;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        Map<String, HistoryItem> items = new LinkedHashMap<>();
        Map<String, Double> fused = new LinkedHashMap<>();
        for (Retriever part : parts) {
            List<Scored<HistoryItem>> ranked = part.retrieve(query, Math.max(m, depth));
            for (int r = 0; r < ranked.size(); r++) {
                HistoryItem item = ranked.get(r).value();
                items.putIfAbsent(item.id(), item);
                fused.merge(item.id(), 1.0 / (k + r + 1), Double::sum);
            }
        }
        List<Scored<HistoryItem>> out = new ArrayList<>(fused.size());
        fused.forEach((id, score) -> out.add(new Scored<>(items.get(id), score)));
        out.sort(Scored.<HistoryItem>bestFirst().thenComparing(s -> s.value().id(), Comparator.naturalOrder()));
        return List.copyOf(out.subList(0, Math.min(m, out.size())));
    }
}

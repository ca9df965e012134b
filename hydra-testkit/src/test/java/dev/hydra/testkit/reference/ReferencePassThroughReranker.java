package dev.hydra.testkit.reference;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Reranker;
import java.util.List;

/** Keeps the best k candidates by their retrieval scores: the reranker of plain RAG. */
public final class ReferencePassThroughReranker implements Reranker {

    @Override
    public String name() {
        return "pass-through";
    }

    @Override
    public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        return candidates.stream().distinct().sorted(Scored.bestFirst()).limit(k).toList();
    }
}

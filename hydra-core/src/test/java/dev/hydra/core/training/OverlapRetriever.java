package dev.hydra.core.training;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A word-overlap retriever over a user's items, for these tests; ties broken by item id. */
final class OverlapRetriever implements Retriever {

    private final Function<Query, List<HistoryItem>> items;

    OverlapRetriever(List<HistoryItem> fixed) {
        this.items = q -> fixed.stream().filter(i -> i.userId().equals(q.userId())).toList();
    }

    OverlapRetriever(HistoryStore store) {
        this.items = q -> store.list(q.userId());
    }

    @Override
    public String name() {
        return "overlap";
    }

    @Override
    public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
        Set<String> words = new HashSet<>(Arrays.asList(query.text().split(" ")));
        return items.apply(query).stream()
                .map(i -> new Scored<>(i,
                        (double) Arrays.stream(i.retrievalText().split(" ")).filter(words::contains).count()))
                .sorted(Comparator.<Scored<HistoryItem>>comparingDouble(Scored::score).reversed()
                        .thenComparing(s -> s.value().id()))
                .limit(m)
                .toList();
    }
}

package dev.hydra.testkit.reference;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import java.util.ArrayList;
import java.util.List;

/** Returns a user's newest items, ignoring the query text: the retriever that does not rank by relevance. */
public final class ReferenceRecencyRetrieverProvider implements RetrieverProvider {

    @Override
    public String name() {
        return "recency";
    }

    @Override
    public Retriever create(RetrieverContext context) {
        HistoryStore store = context.store();
        return new Retriever() {
            @Override
            public String name() {
                return "recency";
            }

            @Override
            public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                ReferenceKeywordOverlapRetrieverProvider.checkM(m);
                List<HistoryItem> oldestFirst = store.list(query.userId());
                List<Scored<HistoryItem>> scored = new ArrayList<>();
                for (int i = 0; i < oldestFirst.size(); i++) {
                    scored.add(new Scored<>(oldestFirst.get(i), i));
                }
                return ReferenceKeywordOverlapRetrieverProvider.best(scored, m);
            }
        };
    }
}

package dev.hydra.testkit.reference;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;

/** Ranks a user's items by the cosine of their vectors with the query's; needs an encoder. */
public final class ReferenceDenseRetrieverProvider implements RetrieverProvider {

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public Retriever create(RetrieverContext context) {
        TextEncoder encoder = context.encoder().orElseThrow(() -> new IllegalArgumentException(
                "the dense retriever needs a text encoder: configure one in the RetrieverContext"));
        return new Retriever() {
            @Override
            public String name() {
                return "dense";
            }

            @Override
            public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                ReferenceKeywordOverlapRetrieverProvider.checkM(m);
                List<HistoryItem> items = context.store().list(query.userId());
                List<String> texts = new ArrayList<>();
                texts.add(query.text());
                items.forEach(item -> texts.add(item.retrievalText()));
                float[][] vectors = encoder.encode(texts);
                List<Scored<HistoryItem>> scored = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    scored.add(new Scored<>(items.get(i), dot(vectors[0], vectors[i + 1])));
                }
                return ReferenceKeywordOverlapRetrieverProvider.best(scored, m);
            }
        };
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}

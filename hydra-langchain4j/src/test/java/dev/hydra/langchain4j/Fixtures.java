package dev.hydra.langchain4j;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/** Shared test data: two users with different taste, a store, and a pipeline over it. */
final class Fixtures {

    static final UserId ALICE = UserId.of("alice");
    static final UserId BOB = UserId.of("bob");

    private Fixtures() {}

    /** Alice writes playful titles, Bob dry ones; each has three items about bikes and one about cooking. */
    static InMemoryHistoryStore store() {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        store.addAll(List.of(
                HistoryItem.of("a1", ALICE, "title for my post on bike tyres", "Tyre-rific rides ahead!"),
                HistoryItem.of("a2", ALICE, "title for my post on bike chains", "Chain reaction: oil up!"),
                HistoryItem.of("a3", ALICE, "title for my recipe on soup", "Souper simple soup"),
                HistoryItem.of("b1", BOB, "title for my post on bike tyres", "Tyre pressure guidelines"),
                HistoryItem.of("b2", BOB, "title for my post on bike chains", "Chain maintenance intervals"),
                HistoryItem.of("b3", BOB, "title for my recipe on soup", "Soup preparation notes")));
        return store;
    }

    /** A pipeline over the store: M 10, k 2, the given N and temperature, no reranker or adapter. */
    static Hydra.Builder pipeline(InMemoryHistoryStore store, int n, double temperature) {
        return Hydra.builder().retriever(new OverlapRetriever(store)).task(new ChatTask())
                .config(new HydraConfig(10, 2, n, temperature, 48, 7));
    }

    /** An adapter that prefers sample 0: a pipeline with it chooses among its N samples. */
    static Adapter firstSampleAdapter() {
        return new Adapter() {
            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                return candidates.stream().map(c -> new Scored<>(c, c.sampleIndex() == 0 ? 1.0 : 0.0)).toList();
            }

            @Override
            public String name() {
                return "first-sample";
            }
        };
    }

    static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(10, 2)).build();
    }
}

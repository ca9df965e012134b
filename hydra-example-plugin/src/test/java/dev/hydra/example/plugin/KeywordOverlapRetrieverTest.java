package dev.hydra.example.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the kit does not check: the plugin's own scoring and its class-path registration. */
class KeywordOverlapRetrieverTest {

    private static final UserId ANA = UserId.of("ana");

    @Test
    void should_be_found_by_service_loader_under_its_name() {
        // given the jar's META-INF/services
        // when
        List<String> names = ServiceLoader.load(RetrieverProvider.class, getClass().getClassLoader()).stream()
                .map(p -> p.get().name()).toList();
        // then
        assertTrue(names.contains("keyword-overlap"), names.toString());
    }

    @Test
    void should_score_by_word_overlap_and_leave_out_items_without_common_words() {
        // given
        try (InMemoryHistoryStore store = new InMemoryHistoryStore()) {
            store.addAll(List.of(
                    HistoryItem.of("1", ANA, "Tubeless tyres for winter", "a"),
                    HistoryItem.of("2", ANA, "winter soup recipes", "b"),
                    HistoryItem.of("3", ANA, "chess openings", "c")));
            Retriever retriever = new KeywordOverlapRetrieverProvider().create(RetrieverContext.of(store));
            // when
            List<Scored<HistoryItem>> found = retriever.retrieve(new Query(ANA, "winter TYRES", "chat"), 10);
            // then: {winter,tyres} vs {tubeless,tyres,for,winter} = 2/4; vs {winter,soup,recipes} = 1/4
            assertEquals(List.of("1", "2"), found.stream().map(s -> s.value().id()).toList());
            assertEquals(0.5, found.get(0).score(), 1e-12);
            assertEquals(0.25, found.get(1).score(), 1e-12);
        }
    }
}

package dev.hydra.retrievers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@code bm25-okapi} against scores and rankings that the Python package rank_bm25 computed
 * (scripts/golden/bm25_golden.py wrote the JSON; it records the package version).
 */
class Bm25OkapiParityTest {

    @TempDir
    Path dir;

    @Test
    void should_match_rank_bm25_scores_and_rankings_over_the_lucene_store() throws IOException {
        checkGolden(() -> LuceneHistoryStore.open(dir));
    }

    @Test
    void should_match_rank_bm25_scores_and_rankings_over_any_store() throws IOException {
        checkGolden(ListHistoryStore::new);
    }

    private void checkGolden(Supplier<HistoryStore> stores) throws IOException {
        // given
        JsonNode golden = golden();
        assertEquals("0.2.2", golden.get("package_version").asText());
        int checked = 0;
        try (HistoryStore store = stores.get()) {
            for (JsonNode user : golden.get("users")) {
                UserId id = UserId.of(user.get("user").asText());
                List<HistoryItem> items = new ArrayList<>();
                for (int i = 0; i < user.get("items").size(); i++) {
                    // timestamps in fixture order: list(user) gives the profile in rank_bm25's corpus order
                    items.add(new HistoryItem(String.format(Locale.ROOT, "p%03d", i), id,
                            user.get("items").get(i).asText(), "",
                            Instant.ofEpochSecond(1_000_000L + i), Map.of()));
                }
                store.addAll(items);
                Retriever retriever = new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store));
                for (JsonNode c : user.get("cases")) {
                    // when
                    List<Scored<HistoryItem>> got = retriever.retrieve(new Query(id, c.get("query").asText(), "t"),
                            1000);
                    // then
                    String where = id + " / " + c.get("query").asText();
                    assertEquals(c.get("ranking").size(), got.size(), where);
                    for (int r = 0; r < got.size(); r++) {
                        int index = c.get("ranking").get(r).asInt();
                        assertEquals(String.format(Locale.ROOT, "p%03d", index), got.get(r).value().id(),
                                where + " rank " + r);
                        assertEquals(c.get("scores").get(index).asDouble(), got.get(r).score(), 1e-6,
                                where + " rank " + r);
                    }
                    checked++;
                }
            }
        }
        assertEquals(24, checked, "golden cases checked");
    }

    @Test
    void should_split_on_whitespace_as_python_does() {
        // given a text with tabs, newlines, a no-break space and repeated separators
        String text = "  Works\tgreat\n\nand\u00a0easy  to-use. ";
        // when
        List<String> tokens = dev.hydra.retrievers.internal.Bm25Okapi.tokenize(text);
        // then
        assertEquals(List.of("Works", "great", "and", "easy", "to-use."), tokens);
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = Bm25OkapiParityTest.class.getResourceAsStream("/golden/bm25_okapi_golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}

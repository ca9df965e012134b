package dev.hydra.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {

    private static final UserId U = UserId.of("u1");

    @Test
    void history_item_copies_its_attributes_and_exposes_the_retrieval_text() {
        Map<String, String> attrs = new HashMap<>();
        attrs.put("title", "T");
        HistoryItem item = new HistoryItem("1", U, "in", "out", Instant.EPOCH, attrs);
        attrs.put("title", "changed");
        assertEquals("T", item.attributes().get("title"));
        assertEquals("in", item.retrievalText());
        HistoryItem withText = new HistoryItem("1", U, "in", "out", Instant.EPOCH,
                Map.of(HistoryItem.RETRIEVAL_TEXT, "title in"));
        assertEquals("title in", withText.retrievalText());
    }

    @Test
    void history_item_rejects_bad_ids_and_nulls() {
        assertThrows(IllegalArgumentException.class, () -> HistoryItem.of(" ", U, "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> HistoryItem.of("a\u0000b", U, "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> HistoryItem.of("x".repeat(257), U, "a", "b"));
        assertThrows(NullPointerException.class, () -> HistoryItem.of("1", U, null, "b"));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThrows(NullPointerException.class,
                () -> new HistoryItem("1", U, "a", "b", Instant.EPOCH, nullValue));
    }

    @Test
    void query_requires_text_and_task() {
        assertThrows(IllegalArgumentException.class, () -> new Query(U, " ", "chat"));
        assertThrows(IllegalArgumentException.class, () -> new Query(U, "hi", ""));
        assertEquals("hi", new Query(U, "hi", "chat").text());
    }

    @Test
    void prompt_must_end_with_a_user_turn_and_is_immutable() {
        assertThrows(IllegalArgumentException.class, () -> new Prompt(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Prompt(List.of(ChatTurn.user("q"), ChatTurn.assistant("a"))));
        List<ChatTurn> turns = new ArrayList<>(List.of(ChatTurn.user("q")));
        Prompt p = new Prompt(turns);
        turns.add(ChatTurn.assistant("x"));
        assertEquals(1, p.turns().size());
        assertEquals("q", p.lastUserText());
    }

    @Test
    void sampling_checks_its_ranges() {
        assertThrows(IllegalArgumentException.class, () -> new Sampling(0, 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(65, 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(1, -0.1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(1, Double.NaN, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(1, 1, 0, 1));
        assertEquals(8, Sampling.greedy(4).withN(8).n());
    }

    @Test
    void scored_rejects_non_finite_scores_and_orders_best_first() {
        assertThrows(IllegalArgumentException.class, () -> new Scored<>("a", Double.NaN));
        List<Scored<String>> list = new ArrayList<>(List.of(new Scored<>("a", 1), new Scored<>("b", 3)));
        list.sort(Scored.bestFirst());
        assertEquals("b", list.get(0).value());
    }

    @Test
    void generation_sorts_by_sample_index() {
        Generation g = Generation.of(List.of(new Candidate("b", 1), new Candidate("a", 0)), TokenUsage.ZERO);
        assertEquals("a", g.candidates().get(0).text());
        assertEquals(new TokenUsage(3, 5), new TokenUsage(1, 2).plus(new TokenUsage(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new TokenUsage(-1, 0));
    }

    @Test
    void head_parameters_are_copied_and_compared_by_value() {
        float[] v = {1f, 2f};
        HeadParameters h = new HeadParameters("lowrank:h=2,r=1", v);
        v[0] = 9f;
        assertArrayEquals(new float[] {1f, 2f}, h.values());
        assertEquals(h, new HeadParameters("lowrank:h=2,r=1", new float[] {1f, 2f}));
        assertNotEquals(h, new HeadParameters("lowrank:h=2,r=1", new float[] {1f, 3f}));
        assertThrows(IllegalArgumentException.class, () -> new HeadParameters("k", new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new HeadParameters("k\u00e9", new float[0]));
    }

    @Test
    void corrupt_data_exception_names_the_location() {
        CorruptDataException e = new CorruptDataException("/x/head.bin", "checksum mismatch");
        assertTrue(e.getMessage().contains("/x/head.bin"));
        assertEquals("/x/head.bin", e.location());
    }
}

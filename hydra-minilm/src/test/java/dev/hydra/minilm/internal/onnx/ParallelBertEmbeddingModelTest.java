package dev.hydra.minilm.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The concurrent encoder gives LangChain4j's vectors of all-MiniLM-L6-v2-q, text for text. */
class ParallelBertEmbeddingModelTest {

    private static ParallelBertEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = ParallelBertEmbeddingModel.allMiniLmL6V2Quantized(2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void should_give_langchain4js_vector_of_every_text_within_1e_5() {
        // given texts of every kind, one of them longer than a window of 510 tokens
        List<String> texts = new ArrayList<>(List.of(
                "a trip to the mountains",
                "Hello, World! It's 3:45pm -- don't forget the café's crème brûlée (€4.50).",
                "unbelievably antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
                "東京で寿司を食べた 🍣 and then went home",
                "short answer number 17 for the bench",
                "x"));
        texts.add(longText(900));
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();

        // when
        List<Embedding> got = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();

        // then
        assertEquals(texts.size(), got.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = reference.embed(texts.get(i)).content().vector();
            float[] actual = got.get(i).vector();
            assertEquals(expected.length, actual.length);
            for (int d = 0; d < expected.length; d++) {
                assertEquals(expected[d], actual[d], 1e-5, "text " + i + ", component " + d);
            }
        }
    }

    @Test
    void should_give_the_same_vectors_alone_in_order_and_concurrently() {
        // given
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            texts.add(longText(10 + 7 * i));
        }
        // when
        List<Embedding> batch = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        // then
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(model.vector(texts.get(i)), batch.get(i).vector(), "text " + i);
        }
    }

    @Test
    void should_give_a_text_alone_the_same_vector_on_all_cores_as_on_one() {
        // given texts of every length, the longest over one window; alone, each runs on the all-cores session
        List<String> texts = new ArrayList<>(List.of("x", "short answer number 17 for the bench",
                "Hello, World! It's 3:45pm -- don't forget the café's crème brûlée (€4.50)."));
        for (int words : new int[] {25, 120, 700}) {
            texts.add(longText(words));
        }
        for (String text : texts) {
            // when
            float[] alone = model.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
            // then: bit for bit what the single-threaded session gives
            assertArrayEquals(model.vector(text), alone, "text of " + text.length() + " chars");
        }
    }

    @Test
    void should_take_a_sentence_as_its_window_only_when_its_tokens_are_the_window() {
        List<String> window = List.of("cafe", "##s", "open");
        assertTrue(BertPooling.isWindow(new String[] {"[CLS]", "cafe", "##s", "open", "[SEP]"}, window));
        assertFalse(BertPooling.isWindow(new String[] {"[CLS]", "cafes", "open", "[SEP]"}, window));
        assertFalse(BertPooling.isWindow(new String[] {"[CLS]", "cafe", "##s", "opens", "[SEP]"}, window));
        assertFalse(BertPooling.isWindow(new String[] {"[CLS]", "cafe", "##s", "open", "now", "[SEP]"}, window));
    }

    @Test
    void should_refuse_a_blank_text_and_bad_settings_with_clear_messages() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> model.embedAll(List.of(TextSegment.from("fine"), TextSegment.from(" \u200b"))));
        assertEquals("Cannot embed empty or whitespace-only text", blank.getMessage());
        IllegalArgumentException blankAlone = assertThrows(IllegalArgumentException.class,
                () -> model.embedAll(List.of(TextSegment.from(" \u200b"))));
        assertEquals("Cannot embed empty or whitespace-only text", blankAlone.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> new ParallelBertEmbeddingModel(new byte[0], null, 384, 0));
        assertEquals("threads must be >= 1, was 0", threads.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ParallelBertEmbeddingModel.fromResources(ParallelBertEmbeddingModelTest.class, "no-such.onnx",
                        "all-minilm-l6-v2-q-tokenizer.json", 384, 1));
        assertTrue(missing.getMessage().contains("resource no-such.onnx is missing"), missing.getMessage());
    }

    @Test
    void should_cut_windows_at_word_boundaries_unless_a_word_is_longer_than_a_window() {
        List<String> tokens = List.of("[CLS]", "a", "b", "##c", "##d", "e", "[SEP]");
        assertEquals(List.of(List.of("a"), List.of("b", "##c"), List.of("##d", "e")),
                BertPooling.windows(tokens, 2));
        assertEquals(List.of(List.of("a"), List.of("b", "##c", "##d"), List.of("e")),
                BertPooling.windows(tokens, 3));
        assertEquals(List.of(List.of("a", "b", "##c", "##d", "e")), BertPooling.windows(tokens, 510));
        assertEquals(List.of(), BertPooling.windows(List.of("[CLS]", "[SEP]"), 510));
    }

    private static String longText(int words) {
        String[] vocabulary = {"river", "guitar", "quantum", "mountain", "recipe", "compiler", "harbour", "violin",
                "photosynthesis", "parliament", "bicycle", "telescope", "marathon", "lasagna", "glacier", "keyboard"};
        Random random = new Random(words);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(vocabulary[random.nextInt(vocabulary.length)]).append(i % 9 == 8 ? ". " : " ");
        }
        return s.toString().trim();
    }
}

package dev.hydra.minilm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.registry.PluginRegistry;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default encoder: its vectors, its threads setting, its discovery. */
class MiniLmTextEncoderTest {

    private static final MiniLmTextEncoder DEFAULT = new MiniLmTextEncoder();

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void should_encode_with_the_default_model_into_unit_vectors_that_reflect_meaning() {
        // when
        float[][] v = DEFAULT.encode(List.of("The guitar strings sound bright.", "New strings for my guitar",
                "Interest rates rise again", ""));
        // then
        assertEquals(384, DEFAULT.dimension());
        assertEquals("all-minilm-l6-v2-q@1.19.0-beta29", DEFAULT.id());
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, dot(x, x), 1e-5);
        }
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2, "related texts are closer than unrelated ones");
    }

    @Test
    void should_give_the_same_vector_for_the_same_text_alone_or_in_a_batch() {
        // when
        float[] alone = DEFAULT.encode(List.of("weighted piano keys"))[0];
        float[] inBatch = DEFAULT.encode(List.of("drums", "weighted piano keys", "cables"))[1];
        // then
        assertArrayEquals(alone, inBatch, 1e-6f);
    }

    @Test
    void should_give_the_vectors_of_langchain4js_model_one_text_at_a_time() {
        // given LangChain4j's own all-MiniLM-L6-v2-q, which the default encoder replaces by a concurrent runner
        EmbeddingModel reference = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        List<String> texts = List.of("The guitar strings sound bright.", "short answer number 3 for the bench",
                "Interest rates rise again, and the café closes early.");
        // when
        float[][] batch = DEFAULT.encode(texts);
        // then
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(reference.embed(texts.get(i)).content().vector(), batch[i], 1e-5f, "text " + i);
        }
    }

    @Test
    void should_read_the_encoder_threads_setting_and_refuse_a_bad_one() {
        assertEquals(Runtime.getRuntime().availableProcessors(), MiniLmTextEncoder.threads(null));
        assertEquals(Runtime.getRuntime().availableProcessors(), MiniLmTextEncoder.threads(" "));
        assertEquals(3, MiniLmTextEncoder.threads(" 3 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiniLmTextEncoder.threads("0"));
        assertEquals("HYDRA_ENCODER_THREADS must be a positive integer, was \"0\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MiniLmTextEncoder.threads("two"));
    }

    @Test
    void should_be_found_by_the_service_loader_under_its_name() {
        // when
        PluginRegistry registry = PluginRegistry.fromServiceLoader(getClass().getClassLoader());
        // then
        assertEquals("all-minilm-l6-v2-q", registry.get(TextEncoder.class, "all-minilm-l6-v2-q").name());
    }
}

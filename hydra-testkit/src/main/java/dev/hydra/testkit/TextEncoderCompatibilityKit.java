package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Base class for {@link TextEncoder} compatibility tests: one unit vector of the declared dimension per
 * text, the same vector for the same text, different vectors for different texts, safe from several threads.
 *
 * <p>To run an encoder against this kit, make a test class that extends this and implement
 * {@link #encoder()}:
 * <pre>{@code
 * class MiniLmTextEncoderCompatibilityTest extends TextEncoderCompatibilityKit {
 *     private static final TextEncoder ENCODER = new MiniLmTextEncoder(); // load a model once
 *     protected TextEncoder encoder() { return ENCODER; }
 * }
 * }</pre>
 * The kit calls {@link #encoder()} once per test; return a shared instance when it is costly to make.
 * Norms are checked to within {@value #NORM_TOLERANCE}.
 *
 * @since 0.1
 */
public abstract class TextEncoderCompatibilityKit {

    /** How far from 1 an L2 norm may be. */
    public static final double NORM_TOLERANCE = 1e-3;

    private static final List<String> TEXTS = List.of(
            "Slow roasted tomatoes with garlic make a rich pasta sauce.",
            "Tubeless tyres resist punctures on gravel roads.",
            "Java records remove boilerplate from immutable data carriers.",
            "Compost heaps heat up faster with green clippings and brown leaves.",
            "a",
            "The quick brown fox jumps over the lazy dog. ".repeat(8).trim());

    private TextEncoder encoder;

    /** Creates the kit; subclasses need no constructor. */
    protected TextEncoderCompatibilityKit() {}

    /**
     * The encoder under test.
     *
     * @return the encoder
     */
    protected abstract TextEncoder encoder();

    @BeforeEach
    void createEncoder() {
        encoder = encoder();
        assertNotNull(encoder, "encoder() returned null");
    }

    private float[][] encode(List<String> texts) {
        float[][] vectors = encoder.encode(texts);
        assertNotNull(vectors, "encode returned null");
        return vectors;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    private void assertUnitVector(float[] vector, String text) {
        assertNotNull(vector, () -> "null vector for \"" + text + "\"");
        assertEquals(encoder.dimension(), vector.length, () -> "vector length of \"" + text + "\"");
        for (int i = 0; i < vector.length; i++) {
            int at = i;
            assertTrue(Float.isFinite(vector[i]), () -> "component " + at + " of \"" + text + "\" is " + vector[at]);
        }
        double norm = norm(vector);
        assertEquals(1.0, norm, NORM_TOLERANCE, () -> "L2 norm of the vector of \"" + text + "\"");
    }

    /** Shape: one vector per text, each of the declared dimension. */
    @Nested
    @DisplayName("shape")
    class ShapeTck {

        @Test
        @DisplayName("declares a dimension of at least 1")
        void should_declare_a_positive_dimension() {
            assertTrue(encoder.dimension() >= 1, () -> "dimension() was " + encoder.dimension());
        }

        @Test
        @DisplayName("returns one vector per text, each of length dimension()")
        void should_return_one_vector_per_text() {
            float[][] vectors = encode(TEXTS);
            assertEquals(TEXTS.size(), vectors.length, "number of vectors");
            for (int i = 0; i < vectors.length; i++) {
                assertNotNull(vectors[i], "vector " + i);
                assertEquals(encoder.dimension(), vectors[i].length, "length of vector " + i);
            }
        }

        @Test
        @DisplayName("returns no vector for no text")
        void should_return_an_empty_array_for_an_empty_list() {
            assertEquals(0, encode(List.of()).length);
        }

        @Test
        @DisplayName("encodes the empty text as a unit vector")
        void should_encode_the_empty_text() {
            float[][] vectors = encode(List.of("", "a text after the empty one"));
            assertEquals(2, vectors.length, "number of vectors");
            assertUnitVector(vectors[0], "");
            assertUnitVector(vectors[1], "a text after the empty one");
        }
    }

    /** Vectors: unit length, deterministic, distinct for distinct texts. */
    @Nested
    @DisplayName("vectors")
    class VectorTck {

        @Test
        @DisplayName("L2-normalizes every vector")
        void should_normalize_every_vector() {
            float[][] vectors = encode(TEXTS);
            for (int i = 0; i < vectors.length; i++) {
                assertUnitVector(vectors[i], TEXTS.get(i));
            }
        }

        @Test
        @DisplayName("gives the same vectors for the same texts")
        void should_be_deterministic() {
            float[][] first = encode(TEXTS);
            float[][] second = encode(TEXTS);
            for (int i = 0; i < first.length; i++) {
                int at = i;
                assertTrue(cosine(first[i], second[i]) > 1 - 1e-6, () -> "two encodings of \"" + TEXTS.get(at)
                        + "\" differ");
            }
        }

        @Test
        @DisplayName("gives a text the same vector alone as within a batch, in order")
        void should_not_depend_on_the_batch() {
            float[][] batch = encode(TEXTS);
            for (int i = TEXTS.size() - 1; i >= 0; i--) {
                float[] alone = encode(List.of(TEXTS.get(i)))[0];
                int at = i;
                assertTrue(cosine(batch[i], alone) > 1 - 1e-4, () -> "vector " + at + " of the batch is not the"
                        + " vector of \"" + TEXTS.get(at) + "\" encoded alone");
            }
        }

        @Test
        @DisplayName("gives different texts different vectors")
        void should_distinguish_different_texts() {
            float[][] vectors = encode(TEXTS);
            for (int i = 0; i < vectors.length; i++) {
                for (int j = i + 1; j < vectors.length; j++) {
                    int a = i;
                    int b = j;
                    assertTrue(cosine(vectors[i], vectors[j]) < 0.999, () -> "\"" + TEXTS.get(a) + "\" and \""
                            + TEXTS.get(b) + "\" got the same vector");
                }
            }
        }
    }

    /** Thread-safety: concurrent calls agree with sequential ones. */
    @Nested
    @DisplayName("thread-safety")
    class ConcurrencyTck {

        @Test
        @DisplayName("gives the same vectors from several threads as from one")
        void should_give_the_same_vectors_concurrently() {
            List<float[]> expected = new ArrayList<>();
            for (String text : TEXTS) {
                expected.add(encode(List.of(text))[0]);
            }
            List<List<float[]>> perThread = Concurrently.run(Concurrently.THREADS, thread -> {
                List<float[]> vectors = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    vectors.clear();
                    for (String text : TEXTS) {
                        vectors.add(encoder.encode(List.of(text))[0]);
                    }
                }
                return vectors;
            });
            for (List<float[]> vectors : perThread) {
                for (int i = 0; i < expected.size(); i++) {
                    int at = i;
                    assertTrue(cosine(expected.get(i), vectors.get(i)) > 1 - 1e-6,
                            () -> "concurrent vector of \"" + TEXTS.get(at) + "\" differs");
                }
            }
        }
    }

    /** Identity: the name and the model id. */
    @Nested
    @DisplayName("identity")
    class IdentityTck {

        @Test
        @DisplayName("has a non-blank model id")
        void should_have_a_non_blank_id() {
            assertNotNull(encoder.id(), "id() returned null");
            assertFalse(encoder.id().isBlank(), "id() is blank");
        }

        @Test
        @DisplayName("has a valid name")
        void should_have_a_valid_name() {
            PluginNames.assertValid(encoder);
        }
    }
}

package dev.hydra.api.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feature-hashing encoder; the test kit's encoder kit runs on it too (hydra-testkit's tests). */
class FeatureHashingTextEncoderTest {

    @Test
    void should_give_the_vectors_it_always_gave() {
        // given: "tea" twice at one component, "green" and "black" once each at another, of 8
        FeatureHashingTextEncoder encoder = new FeatureHashingTextEncoder(8);
        float s = (float) Math.sqrt(0.5);
        // when
        float[][] vectors = encoder.encode(List.of("green tea, black tea", ""));
        // then: fixed by the FNV-1a hash; models trained on these vectors depend on them
        assertArrayEquals(new float[] {0, s, 0, 0, s, 0, 0, 0}, vectors[0], 1e-7f);
        assertArrayEquals(new float[] {0, 0, 0, 0, -1, 0, 0, 0}, vectors[1], 1e-7f);
    }

    @Test
    void should_hash_texts_the_same_in_every_encoder_instance_whatever_the_case_and_punctuation() {
        // when
        float[] first = new FeatureHashingTextEncoder(32).encode(List.of("Raised beds drain well"))[0];
        float[] second = new FeatureHashingTextEncoder(32).encode(List.of("raised BEDS, drain well!"))[0];
        // then
        assertArrayEquals(first, second);
    }

    @Test
    void should_give_unit_vectors_of_its_dimension_even_without_a_token() {
        // when
        float[][] vectors = new FeatureHashingTextEncoder().encode(List.of("a b c d e f g", "", " ,.;"));
        // then
        for (float[] v : vectors) {
            assertEquals(FeatureHashingTextEncoder.DEFAULT_DIMENSION, v.length);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-6, Arrays.toString(v));
        }
    }

    @Test
    void should_name_its_scheme_and_dimension_in_its_id() {
        // when
        FeatureHashingTextEncoder encoder = new FeatureHashingTextEncoder(32);
        // then
        assertEquals("hashing", encoder.name());
        assertEquals("hashing-fnv1a-32@1", encoder.id());
        assertEquals(32, encoder.dimension());
    }

    @Test
    void should_reject_a_dimension_below_one_and_a_null_text() {
        // when
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new FeatureHashingTextEncoder(0));
        NullPointerException nullText = assertThrows(NullPointerException.class,
                () -> new FeatureHashingTextEncoder(8).encode(Arrays.asList("a", null)));
        // then
        assertTrue(zero.getMessage().contains("dimension must be >= 1, was 0"), zero.getMessage());
        assertTrue(nullText.getMessage().contains("text 1"), nullText.getMessage());
    }
}

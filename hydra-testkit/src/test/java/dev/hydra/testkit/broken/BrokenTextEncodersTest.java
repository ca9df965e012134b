package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.testkit.TextEncoderCompatibilityKit;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The encoder kit fails each broken encoder on the check that its defect breaks. */
class BrokenTextEncodersTest {

    @Test
    void should_catch_vectors_that_are_not_normalized() {
        assertKitCatches(NotNormalizedTestCase.class, "should_normalize_every_vector", "should_encode_the_empty_text");
    }

    @Test
    void should_catch_vectors_shorter_than_the_dimension() {
        assertKitCatches(WrongDimensionTestCase.class, "should_return_one_vector_per_text",
                "should_normalize_every_vector", "should_encode_the_empty_text");
    }

    @Test
    void should_catch_an_encoder_that_is_not_deterministic() {
        assertKitCatches(NoisyTestCase.class, "should_be_deterministic", "should_not_depend_on_the_batch",
                "should_give_the_same_vectors_concurrently");
    }

    @Test
    void should_catch_an_encoder_that_gives_every_text_the_same_vector() {
        assertKitCatches(ConstantTestCase.class, "should_distinguish_different_texts");
    }

    @Test
    void should_catch_a_zero_vector_for_the_empty_text() {
        assertKitCatches(ZeroForEmptyTestCase.class, "should_encode_the_empty_text");
    }

    @Test
    void should_catch_a_vector_for_no_text() {
        assertKitCatches(VectorForNoTextTestCase.class, "should_return_an_empty_array_for_an_empty_list");
    }

    @Test
    void should_catch_vectors_that_depend_on_the_batch() {
        assertKitCatches(BatchDependentTestCase.class, "should_not_depend_on_the_batch");
    }

    @Test
    void should_catch_a_blank_model_id() {
        assertKitCatches(BlankIdTestCase.class, "should_have_a_non_blank_id");
    }

    /** An encoder that post-processes the hashing encoder's vectors of a batch. */
    static TextEncoder encoder(String id, BiFunction<List<String>, float[][], float[][]> change) {
        FeatureHashingTextEncoder reference = new FeatureHashingTextEncoder(64);
        return new TextEncoder() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public float[][] encode(List<String> texts) {
                return change.apply(texts, reference.encode(texts));
            }

            @Override
            public int dimension() {
                return reference.dimension();
            }

            @Override
            public String id() {
                return id;
            }
        };
    }

    @SelfTestOnly
    static class NotNormalizedTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            return BrokenTextEncodersTest.encoder("broken@1", (texts, vectors) -> {
                for (float[] v : vectors) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] *= 2;
                    }
                }
                return vectors;
            });
        }
    }

    @SelfTestOnly
    static class WrongDimensionTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            return BrokenTextEncodersTest.encoder("broken@1", (texts, vectors) -> Arrays.stream(vectors)
                    .map(v -> Arrays.copyOf(v, v.length - 1)).toArray(float[][]::new));
        }
    }

    @SelfTestOnly
    static class NoisyTestCase extends TextEncoderCompatibilityKit {
        private final Random random = new Random(1);

        @Override
        protected TextEncoder encoder() {
            return BrokenTextEncodersTest.encoder("broken@1", (texts, vectors) -> {
                synchronized (random) {
                    for (float[] v : vectors) {
                        v[random.nextInt(v.length)] += 0.5f;
                    }
                }
                return normalized(vectors);
            });
        }
    }

    static float[][] normalized(float[][] vectors) {
        for (float[] v : vectors) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int j = 0; j < v.length; j++) {
                v[j] /= (float) Math.sqrt(norm);
            }
        }
        return vectors;
    }

    @SelfTestOnly
    static class ConstantTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            float[] constant = new FeatureHashingTextEncoder(64).encode(List.of("constant"))[0];
            return BrokenTextEncodersTest.encoder("broken@1",
                    (texts, vectors) -> texts.stream().map(t -> constant.clone()).toArray(float[][]::new));
        }
    }

    @SelfTestOnly
    static class ZeroForEmptyTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            return BrokenTextEncodersTest.encoder("broken@1", (texts, vectors) -> {
                for (int i = 0; i < vectors.length; i++) {
                    if (texts.get(i).isEmpty()) {
                        vectors[i] = new float[vectors[i].length];
                    }
                }
                return vectors;
            });
        }
    }

    @SelfTestOnly
    static class VectorForNoTextTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            FeatureHashingTextEncoder reference = new FeatureHashingTextEncoder(64);
            return BrokenTextEncodersTest.encoder("broken@1",
                    (texts, vectors) -> texts.isEmpty() ? reference.encode(List.of("")) : vectors);
        }
    }

    /** Mixes a little of the batch's first vector into the others, as careless padding might. */
    @SelfTestOnly
    static class BatchDependentTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            return BrokenTextEncodersTest.encoder("broken@1", (texts, vectors) -> {
                for (int i = 1; i < vectors.length; i++) {
                    for (int j = 0; j < vectors[i].length; j++) {
                        vectors[i][j] += 0.2f * vectors[0][j];
                    }
                }
                return normalized(vectors);
            });
        }
    }

    @SelfTestOnly
    static class BlankIdTestCase extends TextEncoderCompatibilityKit {
        @Override
        protected TextEncoder encoder() {
            return BrokenTextEncodersTest.encoder(" ", (texts, vectors) -> vectors);
        }
    }
}

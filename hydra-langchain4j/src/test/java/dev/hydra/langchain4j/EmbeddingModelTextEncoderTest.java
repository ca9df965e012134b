package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.Plugin;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Any LangChain4j embedding model as a text encoder (hydra-minilm tests the default one). */
class EmbeddingModelTextEncoderTest {

    /** Answers {@code [3, 4]} for every segment. */
    private static final EmbeddingModel FIXED = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> Embedding.from(new float[] {3, 4})).toList());
        }

        @Override
        public int dimension() {
            return 2;
        }
    };

    @Test
    void should_normalize_any_model_and_fail_on_a_wrong_answer() {
        // given a model answering a fixed vector, and one answering too few embeddings
        EmbeddingModel short1 = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(List.of());
            }

            @Override
            public int dimension() {
                return 2;
            }
        };
        EmbeddingModelTextEncoder fixed = EmbeddingModelTextEncoder.builder().name("fixed").id("fixed@1")
                .embeddingModel(FIXED).build();
        EmbeddingModelTextEncoder shortOne = EmbeddingModelTextEncoder.builder().name("short").id("short@1")
                .embeddingModel(short1).build();
        // when
        float[] v = fixed.encode(List.of("x"))[0];
        HydraException e = assertThrows(HydraException.class, () -> shortOne.encode(List.of("x")));
        // then
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-7f);
        assertEquals("fixed", fixed.name());
        assertEquals("fixed@1", fixed.id());
        assertTrue(e.getMessage().contains("short@1"), e.getMessage());
    }

    @Test
    void should_make_the_model_of_a_supplier_once_and_only_on_first_use() {
        // given
        AtomicInteger made = new AtomicInteger();
        EmbeddingModelTextEncoder encoder = EmbeddingModelTextEncoder.builder().name("lazy").id("lazy@1")
                .embeddingModelSupplier(() -> {
                    made.incrementAndGet();
                    return FIXED;
                })
                .build();
        // when
        int before = made.get();
        encoder.encode(List.of("x"));
        int dimension = encoder.dimension();
        encoder.encode(List.of("y", " "));
        // then
        assertEquals(0, before);
        assertEquals(1, made.get());
        assertEquals(2, dimension);
    }

    @Test
    void should_name_the_missing_setting_and_how_to_set_it() {
        // when
        IllegalStateException noName = assertThrows(IllegalStateException.class,
                () -> EmbeddingModelTextEncoder.builder().id("x@1").embeddingModel(FIXED).build());
        IllegalStateException noId = assertThrows(IllegalStateException.class,
                () -> EmbeddingModelTextEncoder.builder().name("x").embeddingModel(FIXED).build());
        IllegalStateException noModel = assertThrows(IllegalStateException.class,
                () -> EmbeddingModelTextEncoder.builder().name("x").id("x@1").build());
        // then
        assertTrue(noName.getMessage().contains("name is required") && noName.getMessage().contains(".name("),
                noName.getMessage());
        assertTrue(noId.getMessage().contains("id is required") && noId.getMessage().contains(".id("),
                noId.getMessage());
        assertTrue(noModel.getMessage().contains(".embeddingModel(model)")
                && noModel.getMessage().contains(".embeddingModelSupplier("), noModel.getMessage());
    }

    @Test
    void should_reject_a_bad_name_or_a_blank_id() {
        // when
        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingModelTextEncoder.builder().name("Bad Name").id("x@1").embeddingModel(FIXED).build());
        IllegalArgumentException blankId = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingModelTextEncoder.builder().name("x").id(" ").embeddingModel(FIXED).build());
        // then
        assertTrue(badName.getMessage().contains("Bad Name") && badName.getMessage().contains(Plugin.NAME_RULE),
                badName.getMessage());
        assertTrue(blankId.getMessage().contains("id must not be blank"), blankId.getMessage());
    }
}

package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HydraException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Any LangChain4j embedding model as a text encoder (hydra-minilm tests the default one). */
class EmbeddingModelTextEncoderTest {

    @Test
    void should_normalize_any_model_and_fail_on_a_wrong_answer() {
        // given a model answering a fixed vector, and one answering too few embeddings
        EmbeddingModel fixed = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {3, 4})).toList());
            }

            @Override
            public int dimension() {
                return 2;
            }
        };
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
        // when
        float[] v = new EmbeddingModelTextEncoder("fixed", "fixed@1", fixed).encode(List.of("x"))[0];
        HydraException e = assertThrows(HydraException.class,
                () -> new EmbeddingModelTextEncoder("short", "short@1", short1).encode(List.of("x")));
        // then
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-7f);
        assertTrue(e.getMessage().contains("short@1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingModelTextEncoder("Bad Name", "x@1", fixed));
    }
}

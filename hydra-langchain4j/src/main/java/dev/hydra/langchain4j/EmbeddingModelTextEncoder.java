package dev.hydra.langchain4j;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.TextEncoder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Any LangChain4j {@link EmbeddingModel} as Hydra's frozen {@link TextEncoder}, its vectors L2-normalized.
 *
 * <p>The default encoder, all-MiniLM-L6-v2 quantized and in-process, is {@code hydra-minilm}'s
 * {@code MiniLmTextEncoder}, which runs through this class.
 *
 * <p>A blank text carries nothing to encode (and LangChain4j refuses it): it gets the constant vector
 * {@code 1/sqrt(d)} in every component. Safe for concurrent use when the model is (the in-process models are).
 *
 * @since 0.1
 */
public final class EmbeddingModelTextEncoder implements TextEncoder {

    private final String name;
    private final String id;
    private final Supplier<EmbeddingModel> model;
    private volatile EmbeddingModel loaded;
    private volatile int dimension;

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
     * Wraps an embedding model that is made on first use, so that creating the encoder loads nothing.
     *
     * @param name the plugin name; follows {@link Plugin#NAME_RULE}
     * @param id the exact model id and version, stored in model manifests
     * @param model makes the model, called once, on the first {@link #encode} or {@link #dimension}; never
     *     {@code null}
     * @return the encoder
     * @throws IllegalArgumentException when the name breaks the rule or the id is blank
     */
    public static EmbeddingModelTextEncoder lazy(String name, String id, Supplier<EmbeddingModel> model) {
        return new EmbeddingModelTextEncoder(name, id, Objects.requireNonNull(model, "model must not be null"));
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

    @Override
    public String toString() {
        return "EmbeddingModelTextEncoder[" + id + "]";
    }
}

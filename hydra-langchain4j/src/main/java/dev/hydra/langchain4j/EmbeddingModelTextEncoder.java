package dev.hydra.langchain4j;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.TextEncoder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Any LangChain4j {@link EmbeddingModel} as Hydra's frozen {@link TextEncoder}, its vectors L2-normalized.
 *
 * <pre>{@code
 * TextEncoder encoder = EmbeddingModelTextEncoder.builder()
 *         .name("bge-small")
 *         .id("bge-small-en-v1.5@1")
 *         .embeddingModel(model)
 *         .build();
 * }</pre>
 *
 * <p>The default encoder, all-MiniLM-L6-v2 quantized and in-process, is {@code hydra-minilm}'s
 * {@code MiniLmTextEncoder}, which runs through this class with a model made on first use
 * ({@link Builder#embeddingModelSupplier}).
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

    private EmbeddingModelTextEncoder(Builder builder) {
        this.name = builder.name;
        this.id = builder.id;
        this.model = builder.embeddingModel;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#name}, {@link Builder#id} and {@link Builder#embeddingModel} (or
     *     {@link Builder#embeddingModelSupplier}) are required
     */
    public static Builder builder() {
        return new Builder();
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
        Arrays.fill(v, (float) (1 / Math.sqrt(v.length)));
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

    /** Builds an {@link EmbeddingModelTextEncoder}; {@link #build()} checks every setting. */
    public static final class Builder {

        private String name;
        private String id;
        private Supplier<EmbeddingModel> embeddingModel;

        private Builder() {}

        /**
         * The encoder's plugin name (required).
         *
         * @param name follows {@link Plugin#NAME_RULE}, e.g. {@code "bge-small"}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The exact model id and version (required), stored in model manifests and with stored vectors, so that
         * vectors of another model are never mixed in.
         *
         * @param id not blank, e.g. {@code "bge-small-en-v1.5@1"}
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The embedding model (this or {@link #embeddingModelSupplier} is required; the last one set wins).
         *
         * @param embeddingModel the model
         * @return this builder
         */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = embeddingModel == null ? null : () -> embeddingModel;
            return this;
        }

        /**
         * Makes the embedding model on first use, so that building the encoder loads nothing: the supplier is
         * called once, on the first {@link #encode} or {@link #dimension}. This or {@link #embeddingModel} is
         * required; the last one set wins.
         *
         * @param embeddingModelSupplier makes the model; must not return {@code null}
         * @return this builder
         */
        public Builder embeddingModelSupplier(Supplier<EmbeddingModel> embeddingModelSupplier) {
            this.embeddingModel = embeddingModelSupplier;
            return this;
        }

        /**
         * Builds the encoder; nothing is loaded yet when the model comes from a supplier.
         *
         * @return the encoder
         * @throws IllegalStateException when the name, the id or the model is missing; the message shows how to
         *     set it
         * @throws IllegalArgumentException when the name breaks {@link Plugin#NAME_RULE} or the id is blank
         */
        public EmbeddingModelTextEncoder build() {
            if (name == null) {
                throw new IllegalStateException("name is required: EmbeddingModelTextEncoder.builder()"
                        + ".name(\"my-encoder\"); a plugin name is " + Plugin.NAME_RULE);
            }
            Plugin.checkName(name);
            if (id == null) {
                throw new IllegalStateException("id is required: EmbeddingModelTextEncoder.builder()"
                        + ".id(\"bge-small-en-v1.5@1\"), the model's exact id and version");
            }
            if (id.isBlank()) {
                throw new IllegalArgumentException("id must not be blank: give the model's exact id and version, "
                        + "e.g. .id(\"bge-small-en-v1.5@1\")");
            }
            if (embeddingModel == null) {
                throw new IllegalStateException("an embedding model is required: EmbeddingModelTextEncoder.builder()"
                        + ".embeddingModel(model), or .embeddingModelSupplier(() -> model) to make it on first use");
            }
            return new EmbeddingModelTextEncoder(this);
        }
    }
}

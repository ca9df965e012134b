package dev.hydra.llamacpp;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Objects;

/**
 * The request parameters of {@link LlamaCppChatModel}: LangChain4j's common parameters plus the sampling
 * {@link #seed()}. Merging keeps the seed: {@link #overrideWith} and {@link #defaultedBy} return this type.
 *
 * @since 0.1
 */
public final class LlamaCppChatRequestParameters extends DefaultChatRequestParameters {

    private final Integer seed;

    private LlamaCppChatRequestParameters(Builder builder) {
        super(builder);
        this.seed = builder.seed;
    }

    /**
     * The seed of the sampler; {@code null} lets llama.cpp pick one.
     *
     * @return the seed, or {@code null}
     */
    public Integer seed() {
        return seed;
    }

    /**
     * These parameters with every non-null parameter of {@code that} taking precedence.
     *
     * @param that the overriding parameters, may be {@code null}
     * @return the merged parameters
     */
    @Override
    public LlamaCppChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    /**
     * These parameters, with {@code that}'s parameters where these have none.
     *
     * @param that the default parameters, may be {@code null}
     * @return the merged parameters
     */
    @Override
    public LlamaCppChatRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    /** Equal when the common parameters and the seed are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LlamaCppChatRequestParameters that && super.equals(o) && Objects.equals(seed, that.seed);
    }

    /** A hash of the common parameters and the seed. */
    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(seed);
    }

    /** The common parameters and the seed. */
    @Override
    public String toString() {
        return super.toString() + " seed=" + seed;
    }

    /**
     * Starts a builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link LlamaCppChatRequestParameters}. */
    public static final class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private Integer seed;

        private Builder() {}

        /**
         * Copies every non-null parameter of another set, the seed included when it has one.
         *
         * @param parameters the parameters, may be {@code null}
         * @return this builder
         */
        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            if (parameters == null) {
                return this;
            }
            super.overrideWith(parameters);
            if (parameters instanceof LlamaCppChatRequestParameters p && p.seed != null) {
                seed = p.seed;
            }
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed the seed; {@code null} for a random one
         * @return this builder
         */
        public Builder seed(Integer seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         */
        @Override
        public LlamaCppChatRequestParameters build() {
            return new LlamaCppChatRequestParameters(this);
        }
    }
}

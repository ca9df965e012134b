package dev.hydra.langchain4j;

import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.core.pipeline.Stage;
import dev.hydra.core.pipeline.UsedItem;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metadata of a personalized {@code ChatResponse}: the usual id, model name, token usage (summed over the
 * N samples) and finish reason, plus Hydra's evidence.
 *
 * <pre>{@code
 * ChatResponse response = hydraChatModel.chat(request);
 * if (response.metadata() instanceof HydraChatResponseMetadata hydra) {
 *     hydra.usedItems();     // the history items shown as demonstrations, with their scores
 *     hydra.answers();       // every sampled answer with the adapter's score; one is chosen
 *     hydra.timings();       // time per stage
 *     hydra.degradations();  // what did not run as configured
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class HydraChatResponseMetadata extends ChatResponseMetadata {

    private final UserId userId;
    private final HydraResult result;

    /**
     * Creates the metadata from a builder.
     *
     * @param builder the builder; its user id and result are required
     */
    protected HydraChatResponseMetadata(Builder builder) {
        super(builder);
        this.userId = Objects.requireNonNull(builder.userId, "userId must not be null");
        this.result = Objects.requireNonNull(builder.result, "result must not be null");
    }

    /**
     * Starts a builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The user the answer was personalized for.
     *
     * @return the user
     */
    public UserId userId() {
        return userId;
    }

    /**
     * The whole result of the pipeline, prompt included.
     *
     * @return the result
     */
    public HydraResult result() {
        return result;
    }

    /**
     * The history items shown to the model, in prompt order, with retrieval and rerank scores.
     *
     * @return the items
     */
    public List<UsedItem> usedItems() {
        return result.usedItems();
    }

    /**
     * Every sampled answer with the adapter's score; exactly one is chosen.
     *
     * @return the answers by sample index
     */
    public List<ScoredAnswer> answers() {
        return result.answers();
    }

    /**
     * The wall time of each stage.
     *
     * @return the timings
     */
    public Map<Stage, Duration> timings() {
        return result.timings();
    }

    /**
     * What did not run as configured and how the pipeline carried on.
     *
     * @return the degradations; empty when none
     */
    public List<String> degradations() {
        return result.degradations();
    }

    @Override
    public Builder toBuilder() {
        Builder b = builder().userId(userId).result(result);
        toBuilder(b);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && userId.equals(((HydraChatResponseMetadata) o).userId)
                && result.equals(((HydraChatResponseMetadata) o).result);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), userId, result);
    }

    @Override
    public String toString() {
        return "HydraChatResponseMetadata{userId=" + userId + ", usedItems=" + result.usedItems().size()
                + ", answers=" + result.answers().size() + ", degradations=" + result.degradations() + ", "
                + super.toString() + "}";
    }

    /** Builds {@link HydraChatResponseMetadata}. */
    public static final class Builder extends ChatResponseMetadata.Builder<Builder> {

        private UserId userId;
        private HydraResult result;

        private Builder() {}

        /**
         * Sets the user.
         *
         * @param userId the user; never {@code null}
         * @return this builder
         */
        public Builder userId(UserId userId) {
            this.userId = userId;
            return this;
        }

        /**
         * Sets the pipeline's result.
         *
         * @param result the result; never {@code null}
         * @return this builder
         */
        public Builder result(HydraResult result) {
            this.result = result;
            return this;
        }

        @Override
        public HydraChatResponseMetadata build() {
            return new HydraChatResponseMetadata(this);
        }
    }
}

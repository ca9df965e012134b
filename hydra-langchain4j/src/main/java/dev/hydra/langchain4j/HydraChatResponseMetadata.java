package dev.hydra.langchain4j;

import dev.hydra.api.NotPersonalizedReason;
import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.Degradation;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.core.pipeline.Stage;
import dev.hydra.core.pipeline.UsedItem;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata of every {@code ChatResponse} of a Hydra decorator: the usual id, model name, token usage (summed
 * over the delegate's calls) and finish reason, plus whether the answer was personalized, why not, how many calls
 * the delegate answered, and Hydra's evidence.
 *
 * <pre>{@code
 * ChatResponse response = hydraChatModel.chat(request);
 * HydraChatResponseMetadata hydra = (HydraChatResponseMetadata) response.metadata();
 * hydra.personalized();          // false: see notPersonalizedReason(), e.g. NO_USER
 * hydra.delegateCalls();         // what this request cost: 1, or N when the adapter chooses among N samples
 * hydra.usedItems();             // the history items shown as demonstrations, with their scores
 * hydra.answers();               // every sampled answer with the adapter's score; one is chosen
 * hydra.timings();               // time per stage
 * hydra.degradations();          // what did not run as configured
 * hydra.timeToFirstToken();      // streaming: how long the caller waited for its first token
 * }</pre>
 *
 * <p>A request the delegate answered alone (no user, tools, JSON, ...) has no result: the evidence is empty,
 * {@link #delegateMetadata()} is the delegate's own metadata, and the id, model name, token usage and finish reason
 * are copied from it. A request that ran the pipeline but used no history item is reported as
 * {@link NotPersonalizedReason#EMPTY_HISTORY}, with its result.
 *
 * @since 0.1
 */
public class HydraChatResponseMetadata extends ChatResponseMetadata {

    private final UserId userId;
    private final HydraResult result;
    private final NotPersonalizedReason reason;
    private final int delegateCalls;
    private final ChatResponseMetadata delegateMetadata;
    private final String modelVersion;
    private final Duration timeToFirstToken;

    /**
     * Creates the metadata from a builder.
     *
     * @param builder the builder; a personalized response needs its user id and result
     * @throws IllegalArgumentException when a personalized response lacks its user or result, or the number of
     *     delegate calls is negative
     */
    protected HydraChatResponseMetadata(Builder builder) {
        super(builder);
        this.userId = builder.userId;
        this.result = builder.result;
        this.reason = builder.reason;
        this.delegateCalls = builder.delegateCalls;
        this.delegateMetadata = builder.delegateMetadata;
        this.modelVersion = builder.modelVersion;
        this.timeToFirstToken = builder.timeToFirstToken;
        if (reason == null && (userId == null || result == null)) {
            throw new IllegalArgumentException("a personalized response needs its userId and result; "
                    + "otherwise set notPersonalizedReason(...)");
        }
        if (delegateCalls < 0) {
            throw new IllegalArgumentException("delegateCalls must be >= 0, was " + delegateCalls);
        }
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
     * Whether the answer was personalized: the pipeline ran for the user and, when it shows demonstrations, showed
     * the model items of their history.
     *
     * @return true when personalized
     */
    public boolean personalized() {
        return reason == null;
    }

    /**
     * Why the answer was not personalized.
     *
     * @return the reason, or empty when it was personalized
     */
    public Optional<NotPersonalizedReason> notPersonalizedReason() {
        return Optional.ofNullable(reason);
    }

    /**
     * How many calls the delegate answered for this request (failed samples included): 1 when it answered alone or
     * nothing chooses among samples, the pipeline's N when the adapter does.
     *
     * @return the number of delegate calls
     */
    public int delegateCalls() {
        return delegateCalls;
    }

    /**
     * The user of the request.
     *
     * @return the user, or empty when the request named none
     */
    public Optional<UserId> userId() {
        return Optional.ofNullable(userId);
    }

    /**
     * The whole result of the pipeline, prompt included.
     *
     * @return the result, or empty when the delegate answered alone
     */
    public Optional<HydraResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * The delegate's own metadata, for a request it answered alone (provider-specific fields included).
     *
     * @return the delegate's metadata, or empty when the pipeline ran
     */
    public Optional<ChatResponseMetadata> delegateMetadata() {
        return Optional.ofNullable(delegateMetadata);
    }

    /**
     * The history items shown to the model, in prompt order, with retrieval and rerank scores.
     *
     * @return the items; empty when none were used
     */
    public List<UsedItem> usedItems() {
        return result == null ? List.of() : result.usedItems();
    }

    /**
     * Every sampled answer with the adapter's score; exactly one is chosen.
     *
     * @return the answers by sample index; empty when the delegate answered alone
     */
    public List<ScoredAnswer> answers() {
        return result == null ? List.of() : result.answers();
    }

    /**
     * The wall time of each stage.
     *
     * @return the timings; empty when the delegate answered alone
     */
    public Map<Stage, Duration> timings() {
        return result == null ? Map.of() : result.timings();
    }

    /**
     * What did not run as configured and how the pipeline carried on.
     *
     * @return the degradations; empty when none
     */
    public List<Degradation> degradations() {
        return result == null ? List.of() : result.degradations();
    }

    /**
     * The model version whose pipeline answered: the decorator's {@code modelVersion}, or the one it last switched
     * to when the request started ({@code HydraChatModel.switchTo}); a request is answered by one version only.
     *
     * @return the version; empty when the delegate answered alone
     * @since 0.2
     */
    public Optional<String> modelVersion() {
        return Optional.ofNullable(modelVersion);
    }

    /**
     * How long the caller of a streaming decorator waited for its first token: from the request to the first
     * {@code onPartialResponse}, whether that token is the chosen answer streamed at once, an early answer that
     * cleared the threshold ({@code streamFirstAbove}), or the delegate's own first token.
     *
     * @return the time to first token; empty for a non-streaming decorator, or when no token was streamed
     * @since 1.2
     */
    public Optional<Duration> timeToFirstToken() {
        return Optional.ofNullable(timeToFirstToken);
    }

    @Override
    public Builder toBuilder() {
        Builder b = builder().userId(userId).result(result).notPersonalizedReason(reason).delegateCalls(delegateCalls)
                .delegateMetadata(delegateMetadata).modelVersion(modelVersion).timeToFirstToken(timeToFirstToken);
        toBuilder(b);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        HydraChatResponseMetadata that = (HydraChatResponseMetadata) o;
        return Objects.equals(userId, that.userId) && Objects.equals(result, that.result) && reason == that.reason
                && delegateCalls == that.delegateCalls && Objects.equals(delegateMetadata, that.delegateMetadata)
                && Objects.equals(modelVersion, that.modelVersion)
                && Objects.equals(timeToFirstToken, that.timeToFirstToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), userId, result, reason, delegateCalls, delegateMetadata,
                modelVersion, timeToFirstToken);
    }

    @Override
    public String toString() {
        return "HydraChatResponseMetadata{personalized=" + personalized()
                + (reason == null ? "" : ", notPersonalizedReason=" + reason) + ", userId=" + userId
                + (modelVersion == null ? "" : ", modelVersion=" + modelVersion)
                + (timeToFirstToken == null ? "" : ", timeToFirstToken=" + timeToFirstToken)
                + ", delegateCalls=" + delegateCalls + ", usedItems=" + usedItems().size() + ", answers="
                + answers().size() + ", degradations=" + degradations() + ", " + super.toString() + "}";
    }

    /** Builds {@link HydraChatResponseMetadata}. */
    public static final class Builder extends ChatResponseMetadata.Builder<Builder> {

        private UserId userId;
        private HydraResult result;
        private NotPersonalizedReason reason;
        private int delegateCalls;
        private ChatResponseMetadata delegateMetadata;
        private String modelVersion;
        private Duration timeToFirstToken;

        private Builder() {}

        /**
         * Sets the user.
         *
         * @param userId the user, or {@code null} when the request named none
         * @return this builder
         */
        public Builder userId(UserId userId) {
            this.userId = userId;
            return this;
        }

        /**
         * Sets the pipeline's result.
         *
         * @param result the result, or {@code null} when the delegate answered alone
         * @return this builder
         */
        public Builder result(HydraResult result) {
            this.result = result;
            return this;
        }

        /**
         * Sets why the answer was not personalized.
         *
         * @param reason the reason, or {@code null} when it was personalized
         * @return this builder
         */
        public Builder notPersonalizedReason(NotPersonalizedReason reason) {
            this.reason = reason;
            return this;
        }

        /**
         * Sets how many calls the delegate answered for the request.
         *
         * @param delegateCalls at least 0
         * @return this builder
         */
        public Builder delegateCalls(int delegateCalls) {
            this.delegateCalls = delegateCalls;
            return this;
        }

        /**
         * Sets the delegate's own metadata, for a request it answered alone.
         *
         * @param delegateMetadata the metadata, or {@code null}
         * @return this builder
         */
        public Builder delegateMetadata(ChatResponseMetadata delegateMetadata) {
            this.delegateMetadata = delegateMetadata;
            return this;
        }

        /**
         * Sets the model version whose pipeline answered.
         *
         * @param modelVersion the version, or {@code null} when the delegate answered alone
         * @return this builder
         * @since 0.2
         */
        public Builder modelVersion(String modelVersion) {
            this.modelVersion = modelVersion;
            return this;
        }

        /**
         * Sets how long the caller of a streaming decorator waited for its first token.
         *
         * @param timeToFirstToken the time, not negative, or {@code null} when nothing was streamed
         * @return this builder
         * @throws IllegalArgumentException when the time is negative
         * @since 1.2
         */
        public Builder timeToFirstToken(Duration timeToFirstToken) {
            if (timeToFirstToken != null && timeToFirstToken.isNegative()) {
                throw new IllegalArgumentException("timeToFirstToken must not be negative, was " + timeToFirstToken);
            }
            this.timeToFirstToken = timeToFirstToken;
            return this;
        }

        @Override
        public HydraChatResponseMetadata build() {
            return new HydraChatResponseMetadata(this);
        }
    }
}

package dev.hydra.langchain4j;

import dev.hydra.api.UserId;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Objects;
import java.util.Optional;

/**
 * Chat request parameters that carry the id of the user a {@link HydraChatModel} personalizes for.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *         .messages(UserMessage.from("Suggest a title"))
 *         .parameters(HydraChatRequestParameters.builder().userId("alice").temperature(0.3).build())
 *         .build();
 * }</pre>
 *
 * <p>Merging keeps the user id: {@link #overrideWith} and {@link #defaultedBy} both return Hydra parameters, so
 * the id survives {@code ChatModel.chat}'s merge with the default parameters and AiServices' merge of method
 * arguments. The id never reaches the wrapped model: {@link HydraChatModel} rebuilds requests with plain
 * {@link DefaultChatRequestParameters}.
 *
 * @since 0.1
 */
public class HydraChatRequestParameters extends DefaultChatRequestParameters {

    private final UserId userId;

    /**
     * Creates the parameters from a builder.
     *
     * @param builder the builder
     */
    protected HydraChatRequestParameters(Builder builder) {
        super(builder);
        this.userId = builder.userId;
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
     * Copies parameters and adds a user id.
     *
     * @param parameters the parameters to copy, or {@code null} for none
     * @param userId the user; its {@code toString()} must follow {@link UserId#RULE}
     * @return the Hydra parameters
     * @throws IllegalArgumentException when the id breaks the rule; the message quotes the id and the rule
     */
    public static HydraChatRequestParameters of(ChatRequestParameters parameters, Object userId) {
        Builder b = builder();
        if (parameters != null) {
            b.overrideWith(parameters);
        }
        return b.userId(String.valueOf(Objects.requireNonNull(userId, "userId must not be null"))).build();
    }

    /**
     * The user to personalize for.
     *
     * @return the user, or empty when these parameters carry none
     */
    public Optional<UserId> userId() {
        return Optional.ofNullable(userId);
    }

    /**
     * Merges, the given parameters winning; the user id is theirs when they carry one, else this one.
     *
     * @param that the overriding parameters; may be {@code null}
     * @return Hydra parameters
     */
    @Override
    public ChatRequestParameters overrideWith(ChatRequestParameters that) {
        if (that == null) {
            return this;
        }
        UserId merged = userIdOf(that).orElse(userId);
        return builder().overrideWith(this).overrideWith(that).userId(merged).build();
    }

    /**
     * Merges, these parameters winning; the user id is this one when set, else the given parameters'.
     *
     * @param that the default parameters; may be {@code null}
     * @return Hydra parameters
     */
    @Override
    public ChatRequestParameters defaultedBy(ChatRequestParameters that) {
        if (that == null) {
            return this;
        }
        UserId merged = userId != null ? userId : userIdOf(that).orElse(null);
        return builder().overrideWith(that).overrideWith(this).userId(merged).build();
    }

    private static Optional<UserId> userIdOf(ChatRequestParameters p) {
        return p instanceof HydraChatRequestParameters h ? h.userId() : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(userId, ((HydraChatRequestParameters) o).userId);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(userId);
    }

    @Override
    public String toString() {
        return "HydraChatRequestParameters{userId=" + userId + ", " + super.toString() + "}";
    }

    /** Builds {@link HydraChatRequestParameters}. */
    public static final class Builder extends DefaultChatRequestParameters.Builder<Builder> {

        private UserId userId;

        private Builder() {}

        /**
         * Sets the user.
         *
         * @param userId the user id, see {@link UserId#RULE}
         * @return this builder
         * @throws IllegalArgumentException when the id breaks the rule; the message quotes the id and the rule
         */
        public Builder userId(String userId) {
            this.userId = UserId.of(userId);
            return this;
        }

        /**
         * Sets the user.
         *
         * @param userId the user, or {@code null} for none
         * @return this builder
         */
        public Builder userId(UserId userId) {
            this.userId = userId;
            return this;
        }

        @Override
        public HydraChatRequestParameters build() {
            return new HydraChatRequestParameters(this);
        }
    }
}

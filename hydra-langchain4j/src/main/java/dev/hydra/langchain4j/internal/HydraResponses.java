package dev.hydra.langchain4j.internal;

import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.UUID;

/** Turns a pipeline result into a normal {@link ChatResponse} whose metadata carries the evidence. */
public final class HydraResponses {

    private HydraResponses() {}

    /**
     * Builds the response.
     *
     * @param user the user
     * @param result the pipeline's result
     * @param modelName the wrapped model's name, may be {@code null}
     * @return an AI message with the chosen answer; token usage summed over the samples
     */
    public static ChatResponse of(UserId user, HydraResult result, String modelName) {
        TokenUsage usage = new TokenUsage(Math.toIntExact(result.usage().inputTokens()),
                Math.toIntExact(result.usage().outputTokens()));
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(result.answer()))
                .metadata(HydraChatResponseMetadata.builder().userId(user).result(result)
                        .id("hydra-" + UUID.randomUUID()).modelName(modelName).tokenUsage(usage)
                        .finishReason(FinishReason.STOP).build())
                .build();
    }
}

package dev.hydra.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.memory.ChatMemoryService;
import java.util.function.BiFunction;

/**
 * Routes AiServices' {@code @MemoryId} to Hydra's user id, in one line.
 *
 * <pre>{@code
 * interface Assistant { String chat(@MemoryId String user, @UserMessage String message); }
 *
 * Assistant assistant = AiServices.builder(Assistant.class)
 *         .chatModel(hydraChatModel)
 *         .chatRequestTransformer(HydraAiServices.userIdFromMemoryId())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class HydraAiServices {

    private HydraAiServices() {}

    /**
     * A request transformer that puts the memory id into the request's {@link HydraChatRequestParameters}, keeping
     * every other parameter. A request without a memory id, or with AiServices' {@code "default"} one (a method
     * without {@code @MemoryId}), is left as it is.
     *
     * @return the transformer for {@code AiServices.builder(...).chatRequestTransformer(...)}; it throws
     *     {@link IllegalArgumentException} for a memory id whose text is not a valid user id, quoting it and the rule
     */
    public static BiFunction<ChatRequest, Object, ChatRequest> userIdFromMemoryId() {
        return (request, memoryId) -> {
            if (memoryId == null || ChatMemoryService.DEFAULT.equals(memoryId)) {
                return request;
            }
            try {
                return request.toBuilder()
                        .parameters(HydraChatRequestParameters.of(request.parameters(), memoryId)).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@MemoryId as user id: " + e.getMessage(), e);
            }
        };
    }
}

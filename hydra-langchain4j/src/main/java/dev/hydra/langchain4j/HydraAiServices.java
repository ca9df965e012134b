package dev.hydra.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.memory.ChatMemoryService;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Routes AiServices' {@code @MemoryId} to Hydra's user id, in one line: the memory id itself, or the user the
 * application finds for it.
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
     * every other parameter: for apps whose {@code @MemoryId} is the user's id. A request without a memory id, or
     * with AiServices' {@code "default"} one (a method without {@code @MemoryId}), is left as it is.
     *
     * @return the transformer for {@code AiServices.builder(...).chatRequestTransformer(...)}; it throws
     *     {@link IllegalArgumentException} for a memory id whose text is not a valid user id, quoting it and the rule
     */
    public static BiFunction<ChatRequest, Object, ChatRequest> userIdFromMemoryId() {
        return userIdProvider(String::valueOf);
    }

    /**
     * A request transformer that asks the application for the user of each memory id: for apps whose memory is per
     * conversation, session or ticket, and whose user is found from it.
     *
     * <pre>{@code
     * .chatRequestTransformer(HydraAiServices.userIdProvider(conversationId -> conversations.ownerOf(conversationId)))
     * }</pre>
     *
     * <p>A request without a memory id, or with AiServices' {@code "default"} one, is left as it is (the decorator
     * then answers it for its default user, or unpersonalized); so is one for which the provider returns
     * {@code null}.
     *
     * @param provider maps a memory id to the application's id of its user, or to {@code null} for none; never
     *     {@code null}
     * @return the transformer for {@code AiServices.builder(...).chatRequestTransformer(...)}; it throws
     *     {@link IllegalArgumentException} for a user id that breaks {@link dev.hydra.api.UserId#RULE}, quoting it,
     *     the memory id and the rule
     */
    public static BiFunction<ChatRequest, Object, ChatRequest> userIdProvider(Function<Object, String> provider) {
        Objects.requireNonNull(provider, "provider must not be null");
        return (request, memoryId) -> {
            if (memoryId == null || ChatMemoryService.DEFAULT.equals(memoryId)) {
                return request;
            }
            String userId = provider.apply(memoryId);
            if (userId == null) {
                return request;
            }
            try {
                return request.toBuilder()
                        .parameters(HydraChatRequestParameters.of(request.parameters(), userId)).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the user id of a @MemoryId: " + e.getMessage(), e);
            }
        };
    }
}

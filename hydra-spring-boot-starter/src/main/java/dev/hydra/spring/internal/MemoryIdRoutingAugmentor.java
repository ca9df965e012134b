package dev.hydra.spring.internal;

import dev.hydra.api.UserId;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.service.memory.ChatMemoryService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes AI services' {@code @MemoryId} to Hydra's user: it tags the user message with the memory id as the
 * attribute {@value #USER_ID_ATTRIBUTE}, which Hydra's decorators read, and adds no content. A message that already
 * names its user, or one without a memory id (AiServices' {@code "default"}), is left as it is.
 */
public final class MemoryIdRoutingAugmentor implements RetrievalAugmentor {

    /** The user message attribute that names the user, as Hydra's decorators document it. */
    public static final String USER_ID_ATTRIBUTE = "hydra.userId";

    @Override
    public AugmentationResult augment(AugmentationRequest request) {
        ChatMessage message = request.chatMessage();
        Object memoryId = request.metadata() == null ? null : request.metadata().chatMemoryId();
        if (!(message instanceof UserMessage user) || memoryId == null || ChatMemoryService.DEFAULT.equals(memoryId)
                || user.attributes().containsKey(USER_ID_ATTRIBUTE)) {
            return new AugmentationResult(message, List.of());
        }
        String userId;
        try {
            userId = UserId.of(String.valueOf(memoryId)).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the user id of a @MemoryId (hydra.memory-id-routing=true): "
                    + e.getMessage() + "; or set hydra.memory-id-routing=false and name users yourself", e);
        }
        Map<String, Object> attributes = new HashMap<>(user.attributes());
        attributes.put(USER_ID_ATTRIBUTE, userId);
        return new AugmentationResult(user.toBuilder().attributes(attributes).build(), List.of());
    }
}

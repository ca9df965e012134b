package dev.hydra.spring.internal;

import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.hydra.spring.HydraUserIdResolver;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;

/** Gives a request that names no user the one a resolver names. */
final class UserIds {

    private UserIds() {}

    static ChatRequest resolved(ChatRequest request, HydraUserIdResolver resolver) {
        ChatRequestParameters parameters = request.parameters();
        if (parameters instanceof HydraChatRequestParameters named && named.userId().isPresent()) {
            return request;
        }
        for (ChatMessage message : request.messages()) {
            if (message instanceof UserMessage user
                    && user.attributes().containsKey(MemoryIdRoutingAugmentor.USER_ID_ATTRIBUTE)) {
                return request; // an AI service's @MemoryId named it
            }
        }
        return resolver.currentUserId()
                .map(user -> request.toBuilder().parameters(HydraChatRequestParameters.of(parameters, user)).build())
                .orElse(request);
    }
}

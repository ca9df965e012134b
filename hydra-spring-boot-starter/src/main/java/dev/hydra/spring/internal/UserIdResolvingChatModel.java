package dev.hydra.spring.internal;

import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.spring.HydraUserIdResolver;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;

/**
 * A Hydra decorator whose calls without a user id get the one a {@link HydraUserIdResolver} names.
 */
public final class UserIdResolvingChatModel implements ChatModel {

    private final HydraChatModel hydra;
    private final HydraUserIdResolver resolver;

    /**
     * @param hydra the decorator the calls go to
     * @param resolver names the user of calls that carry none
     */
    public UserIdResolvingChatModel(HydraChatModel hydra, HydraUserIdResolver resolver) {
        this.hydra = hydra;
        this.resolver = resolver;
    }

    /** @return the decorator the calls go to */
    public HydraChatModel hydra() {
        return hydra;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return hydra.chat(withUser(request));
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return hydra.chat(withUser(request), options);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return hydra.chat(withUser(request));
    }

    private ChatRequest withUser(ChatRequest request) {
        return UserIds.resolved(request, resolver);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return hydra.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return hydra.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return hydra.supportedCapabilities();
    }
}

package dev.hydra.spring.internal;

import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.spring.HydraUserIdResolver;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Set;

/**
 * A Hydra streaming decorator whose calls without a user id get the one a {@link HydraUserIdResolver} names, read on
 * the caller's thread (where the servlet request is).
 */
public final class UserIdResolvingStreamingChatModel implements StreamingChatModel {

    private final HydraStreamingChatModel hydra;
    private final HydraUserIdResolver resolver;

    /**
     * @param hydra the decorator the calls go to
     * @param resolver names the user of calls that carry none
     */
    public UserIdResolvingStreamingChatModel(HydraStreamingChatModel hydra, HydraUserIdResolver resolver) {
        this.hydra = hydra;
        this.resolver = resolver;
    }

    /** @return the decorator the calls go to */
    public HydraStreamingChatModel hydra() {
        return hydra;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        hydra.chat(UserIds.resolved(request, resolver), handler);
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        hydra.chat(UserIds.resolved(request, resolver), options, handler);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        hydra.chat(UserIds.resolved(request, resolver), handler);
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

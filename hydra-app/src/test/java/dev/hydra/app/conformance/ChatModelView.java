package dev.hydra.app.conformance;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Set;

/**
 * A chat model that is not {@link AutoCloseable}: every call, listeners and parameter merging included, is the
 * target's own {@link ChatModel#chat(ChatRequest, ChatRequestOptions)}. The suites get fresh views of one loaded
 * model, which JUnit then cannot close.
 */
final class ChatModelView implements ChatModel {

    private final ChatModel target;

    ChatModelView(ChatModel target) {
        this.target = target;
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return target.chat(request, options);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return target.doChat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return target.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return target.listeners();
    }

    @Override
    public ModelProvider provider() {
        return target.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return target.supportedCapabilities();
    }

    @Override
    public String toString() {
        return target.getClass().getSimpleName();
    }
}

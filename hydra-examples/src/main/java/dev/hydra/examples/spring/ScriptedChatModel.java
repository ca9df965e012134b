package dev.hydra.examples.spring;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.stream.Collectors;

/**
 * The sample's stand-in for your model (replace the bean with any LangChain4j ChatModel): it answers with the answers of the demonstrations it was shown (joined
 * by " | "), or "plain" when it was shown none; no network.
 */
public final class ScriptedChatModel implements ChatModel {

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String shown = request.messages().stream().filter(AiMessage.class::isInstance)
                .map(m -> ((AiMessage) m).text()).collect(Collectors.joining(" | "));
        return ChatResponse.builder().aiMessage(AiMessage.from(shown.isEmpty() ? "plain" : shown)).build();
    }
}

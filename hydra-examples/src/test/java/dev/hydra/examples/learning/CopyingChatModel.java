package dev.hydra.examples.learning;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model that knows nothing: it answers with the first demonstration's answer it was shown, and with "drama"
 * when it was shown none. It counts its calls.
 */
final class CopyingChatModel implements ChatModel {

    final AtomicLong calls = new AtomicLong();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        String answer = "drama";
        for (ChatMessage message : request.messages()) {
            if (message instanceof AiMessage ai) {
                answer = ai.text();
                break;
            }
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(answer)).build();
    }
}

package dev.hydra.eval.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted model with a fixed latency: it waits, then answers with the first demonstration's answer it was
 * shown (a model that knows nothing but copies), or a fixed text when it was shown none. It counts its calls.
 */
final class LatencyChatModel implements ChatModel {

    private final long latencyMillis;
    private final AtomicLong calls = new AtomicLong();

    LatencyChatModel(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis); // the remote model's time, as a bench stands it in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while standing in for the model's latency", e);
            }
        }
        String answer = "an answer without demonstrations";
        for (ChatMessage message : request.messages()) {
            if (message instanceof AiMessage ai) {
                answer = ai.text();
                break;
            }
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(answer))
                .tokenUsage(new TokenUsage(request.messages().size() * 20, 8)).build();
    }

    /** The calls so far. */
    long calls() {
        return calls.get();
    }
}

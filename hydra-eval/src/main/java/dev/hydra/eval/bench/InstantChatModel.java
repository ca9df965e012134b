package dev.hydra.eval.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat model that answers at once, each call with a new short answer (so nothing downstream can cache them), and
 * records the span of wall time its calls took since the last {@link #reset()}: the delegate's share of a decorated
 * request.
 */
final class InstantChatModel implements ChatModel {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

    @Override
    public ChatResponse doChat(ChatRequest request) {
        long start = System.nanoTime();
        int i = calls.getAndIncrement();
        ChatResponse response = ChatResponse.builder()
                .aiMessage(AiMessage.from("short answer number " + i + " for the bench"))
                .tokenUsage(new TokenUsage(request.messages().size() * 20, 8)).build();
        firstStart.accumulateAndGet(start, Math::min);
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        return response;
    }

    /** Forgets the calls so far. */
    void reset() {
        firstStart.set(Long.MAX_VALUE);
        lastEnd.set(Long.MIN_VALUE);
    }

    /** The wall time from the first call's start to the last call's end since {@link #reset()}, in ns. */
    long spanNanos() {
        long start = firstStart.get();
        long end = lastEnd.get();
        return end < start ? 0 : end - start;
    }

    /** The calls so far. */
    int calls() {
        return calls.get();
    }
}

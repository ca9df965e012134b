import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The consumer's stand-in for "your model": a scripted {@link ChatModel} that answers with the answers of the
 * demonstrations it was shown (joined by " | "), or "plain" when it was shown none; it calls no network.
 */
public final class YourModel implements ChatModel {

    /** Every request any instance received, in order. */
    static final List<ChatRequest> RECEIVED = new CopyOnWriteArrayList<>();

    /** @return a new scripted model */
    public static ChatModel create() {
        return new YourModel();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        RECEIVED.add(request);
        String shown = request.messages().stream()
                .filter(AiMessage.class::isInstance)
                .map(m -> ((AiMessage) m).text())
                .collect(Collectors.joining(" | "));
        return ChatResponse.builder().aiMessage(AiMessage.from(shown.isEmpty() ? "plain" : shown)).build();
    }

    /** @return the text of every message of every request received, for checks that an id never reached it */
    static String receivedText() {
        return RECEIVED.stream()
                .flatMap(r -> r.messages().stream())
                .map(ChatMessage::toString)
                .collect(Collectors.joining("\n"));
    }
}

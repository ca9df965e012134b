package dev.hydra.llamacpp.internal;

import de.kherud.llama.Pair;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/** Turns LangChain4j messages into the (system, user/assistant pairs) shape llama.cpp's chat template takes. */
public final class ChatMessages {

    private final String system;
    private final List<Pair<String, String>> turns;

    private ChatMessages(String system, List<Pair<String, String>> turns) {
        this.system = system;
        this.turns = turns;
    }

    /**
     * Splits messages into one system text (all system messages joined) and the user/assistant turns in order.
     *
     * @param messages the request's messages; never {@code null}
     * @return the split messages
     * @throws IllegalArgumentException for a message llama.cpp cannot take (tool results, images)
     */
    public static ChatMessages of(List<ChatMessage> messages) {
        StringBuilder system = new StringBuilder();
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage s) {
                system.append(system.length() == 0 ? "" : "\n").append(s.text());
            } else if (message instanceof UserMessage u) {
                if (!u.hasSingleText()) {
                    throw new IllegalArgumentException("llama.cpp takes text user messages only, got " + u);
                }
                turns.add(new Pair<>("user", u.singleText()));
            } else if (message instanceof AiMessage a) {
                turns.add(new Pair<>("assistant", a.text() == null ? "" : a.text()));
            } else {
                throw new IllegalArgumentException("llama.cpp takes system, user and AI messages only, got "
                        + message.type());
            }
        }
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one user message");
        }
        return new ChatMessages(system.length() == 0 ? null : system.toString(), turns);
    }

    /**
     * The joined system text.
     *
     * @return the system text, or {@code null} when there is none
     */
    public String system() {
        return system;
    }

    /**
     * The user and assistant turns, as (role, text) pairs.
     *
     * @return the turns in order
     */
    public List<Pair<String, String>> turns() {
        return turns;
    }

    /**
     * The texts of all messages, one per line: the prompt when no chat template is applied.
     *
     * @return the raw prompt
     */
    public String raw() {
        StringBuilder out = new StringBuilder(system == null ? "" : system + "\n");
        for (int i = 0; i < turns.size(); i++) {
            out.append(i == 0 ? "" : "\n").append(turns.get(i).getValue());
        }
        return out.toString();
    }
}

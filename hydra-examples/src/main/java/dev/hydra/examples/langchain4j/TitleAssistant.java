package dev.hydra.examples.langchain4j;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/**
 * The AI service of an existing LangChain4j application: it suggests titles, with a chat memory per user.
 *
 * @since 0.1
 */
public interface TitleAssistant {

    /**
     * Suggests a title.
     *
     * @param user the user, also the chat memory id
     * @param request what to title
     * @return the title
     */
    String suggest(@MemoryId String user, @UserMessage String request);
}

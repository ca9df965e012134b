package dev.hydra.examples.langchain4j;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.langchain4j.HydraAiServices;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.nio.file.Path;

/**
 * The README's LangChain4j example, compiled and tested: a Lucene history store, the decorator built from it alone,
 * AiServices routing {@code @MemoryId} to the user, one question and one accepted answer.
 *
 * @since 0.1
 */
public final class QuickStart {

    /** The app's AI service: a title for a request, in the style of the user's own history. */
    public interface Assistant {

        /**
         * Suggests a title.
         *
         * @param userId the application's id of the user
         * @param request what the title is for
         * @return the title
         */
        String suggest(@MemoryId String userId, @UserMessage String request);
    }

    private QuickStart() {}

    /**
     * Runs the README's example.
     *
     * @param yourModel any LangChain4j chat model
     * @param historyDir where the history index lives
     * @return the suggested title
     */
    public static String run(ChatModel yourModel, Path historyDir) {
        String title;
        try (LuceneHistoryStore history = LuceneHistoryStore.open(historyDir);
                HydraChatModel personalized = HydraChatModel.builder()
                        .delegate(yourModel)
                        .historyStore(history)
                        .build()) {
            history.add(HistoryItem.of("1", UserId.of("José"), "Title for my post on bike tyres", "Tyre-rific!"));
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(personalized)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
                    .chatRequestTransformer(HydraAiServices.userIdFromMemoryId())
                    .build();
            title = assistant.suggest("José", "Title for my post on bike brakes");
            personalized.recordAccepted(UserId.of("José"), "Title for my post on bike brakes", title);
        }
        return title;
    }
}

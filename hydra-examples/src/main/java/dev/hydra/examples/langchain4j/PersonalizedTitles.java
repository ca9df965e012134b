package dev.hydra.examples.langchain4j;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.langchain4j.HydraAiServices;
import dev.hydra.langchain4j.HydraChatModel;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

/**
 * Personalizes the {@link TitleAssistant} app: the lines between the markers are all a LangChain4j application
 * adds. Its chat model is wrapped in a {@link HydraChatModel} over the users' histories (BM25 over each user's own
 * items, HYDRA's M 10 and k 4; no adapter, so one call per request with the app's own parameters), and AiServices'
 * {@code @MemoryId} becomes the Hydra user id.
 *
 * @since 0.1
 */
public final class PersonalizedTitles {

    private PersonalizedTitles() {}

    /**
     * Builds the app's assistant, personalized.
     *
     * @param existingModel the chat model the app already uses
     * @param history every user's past requests and the titles they kept
     * @return the assistant
     */
    public static TitleAssistant create(ChatModel existingModel, HistoryStore history) {
        // hydra:begin
        ChatModel personalized = HydraChatModel.builder()
                .delegate(existingModel)
                .historyStore(history)
                .build();
        return AiServices.builder(TitleAssistant.class)
                .chatModel(personalized)
                .chatMemoryProvider(user -> MessageWindowChatMemory.withMaxMessages(10))
                .chatRequestTransformer(HydraAiServices.userIdFromMemoryId())
                .build();
        // hydra:end
    }
}

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
import java.util.List;

public class Titles {
    interface Assistant {
        String suggest(@MemoryId String userId, @UserMessage String request);
    }

    public static void main(String[] args) {
        ChatModel yourModel = YourModel.create();       // any LangChain4j ChatModel, configured as you like
        try (LuceneHistoryStore history = LuceneHistoryStore.open(Path.of("hydra-history"));
                HydraChatModel personalized = HydraChatModel.builder()
                        .delegate(yourModel)
                        .historyStore(history)          // BM25 over each user's own items, the chat task
                        .build()) {
            history.add(HistoryItem.of("1", UserId.of("José"), "Title for my post on bike tyres", "Tyre-rific!"));
            history.add(HistoryItem.of("2", UserId.of("alice smith"), "Title for my post on bike tyres", "On Tyres"));
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(personalized)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
                    .chatRequestTransformer(HydraAiServices.userIdFromMemoryId())  // @MemoryId = user id
                    .build();
            for (String user : List.of("José", "alice smith")) {
                String title = assistant.suggest(user, "Title for my post on bike brakes");
                personalized.recordAccepted(UserId.of(user), "Title for my post on bike brakes", title);
                System.out.println(user + ": " + title);
            }
        }
    }
}

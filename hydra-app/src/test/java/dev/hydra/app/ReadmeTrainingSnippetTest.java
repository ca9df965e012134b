package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.task.ChatTask;
import dev.hydra.core.training.ApplicationTraining;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.minilm.MiniLmTextEncoder;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's section "Training on your own model and users": its code is {@code snippet}'s, character for
 * character, and it trains within its budget with a chat model that answers with its last demonstration, and a
 * rerun makes no new call.
 */
class ReadmeTrainingSnippetTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/hydra/app/ReadmeTrainingSnippetTest.java");

    @TempDir
    Path dir;

    private final AtomicLong chatCalls = new AtomicLong();

    /** A chat model that answers with the last assistant message it was shown, as a copying model would. */
    private final ChatModel yourModel = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            chatCalls.incrementAndGet();
            String answer = "Hello!";
            for (ChatMessage m : request.messages()) {
                if (m instanceof AiMessage ai) {
                    answer = ai.text();
                }
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).build();
        }
    };

    private void snippet(LuceneHistoryStore history, Path modelDir) throws Exception {
        // README-START
        try (LangChain4jLlmBackend llm = LangChain4jLlmBackend.builder().chatModel(yourModel).modelId("my-model")
                .build()) {
            ApplicationTrainingReport report = ApplicationTraining.builder()
                    .store(history).task(new ChatTask()).backend(llm) // your users, your model
                    .cache(new LlmResponseCache(modelDir.resolveSibling("cache"))) // a rerun reuses what was paid for
                    .scorers(new DjlScorerFactory(new MiniLmTextEncoder(), new FileHeadStore(modelDir)))
                    .budget(LlmBudget.ofCalls(300).withTokens(400_000)) // never exceeded
                    .build().train(modelDir);
            System.out.println(report.summary());
        }
        // README-END
    }

    @Test
    void should_train_within_the_budget_as_the_readme_shows() throws Exception {
        // given 3 users with 5 (message, accepted answer) items each
        try (LuceneHistoryStore history = LuceneHistoryStore.open(dir.resolve("history"))) {
            for (String name : List.of("ana", "ben", "cleo")) {
                for (int i = 0; i < 5; i++) {
                    history.add(HistoryItem.of(name + i, UserId.of(name), "Title for my post on bike part " + i,
                            name + "'s title for part " + i));
                }
            }
            // when
            snippet(history, dir.resolve("model"));
            long calls = chatCalls.get();
            snippet(history, dir.resolve("model"));
            // then
            assertTrue(calls > 0 && calls <= 300, calls + " calls of a budget of 300");
            assertEquals(calls, chatCalls.get(), "the rerun reuses every answer");
            try (HydraModel model = HydraModel.load(dir.resolve("model"),
                    new DjlScorerFactory(new MiniLmTextEncoder(), new FileHeadStore(dir.resolve("model"))))) {
                assertEquals(List.of("ana", "ben", "cleo"), model.manifest().get("training_users"));
            }
        }
    }

    @Test
    void should_be_the_code_the_readme_shows() throws IOException {
        // given
        Matcher source = Pattern.compile("(?s)// README-START\n(.*?)\\s*// README-END")
                .matcher(Files.readString(SOURCE));
        assertTrue(source.find());
        String code = source.group(1).stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("## Training on your own model and users");
        assertTrue(start >= 0, "README.md has no section \"Training on your own model and users\"");
        // when
        Matcher block = Pattern.compile("(?s)```java\n(.*?)```").matcher(readme.substring(start));
        assertTrue(block.find(), "no java block in the section");
        // then
        assertEquals(code, block.group(1).strip(), "the README's training snippet differs from " + SOURCE);
        assertTrue(code.lines().count() <= 10, "at most 10 lines");
    }
}

package dev.hydra.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class PersonalizedTitlesTest {

    private static final String[][] TOPICS = {
            {"post on bike tyres", "Tyre-rific rides ahead!", "Tyre pressure guidelines"},
            {"post on bike chains", "Chain reaction: oil up!", "Chain maintenance intervals"},
            {"recipe for tomato soup", "Souper simple tomato soup", "Tomato soup preparation"},
            {"review of a jazz album", "All that jazz, and then some", "Jazz album assessment"},
            {"note on garden roses", "Rose to the occasion", "Rose cultivation notes"},
    };

    /** Alice keeps playful titles, Bob dry ones, on the same five topics. */
    private static InMemoryHistoryStore history() {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        List<HistoryItem> items = new ArrayList<>();
        for (int i = 0; i < TOPICS.length; i++) {
            items.add(HistoryItem.of("a" + i, UserId.of("alice"), "Title for my " + TOPICS[i][0], TOPICS[i][1]));
            items.add(HistoryItem.of("b" + i, UserId.of("bob"), "Title for my " + TOPICS[i][0], TOPICS[i][2]));
        }
        store.addAll(items);
        return store;
    }

    /** A scripted model: answers with the demonstrations' titles it was shown, joined. */
    private static ChatModel scriptedModel() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> ChatResponse.builder().aiMessage(AiMessage.from(
                inv.<ChatRequest>getArgument(0).messages().stream().filter(AiMessage.class::isInstance)
                        .map(m -> ((AiMessage) m).text()).collect(Collectors.joining(" | "))))
                .build());
        return model;
    }

    @Test
    void should_answer_each_user_in_the_style_of_their_own_history() {
        // given
        ChatModel existing = scriptedModel();
        TitleAssistant assistant = PersonalizedTitles.create(existing, history());
        // when
        String alice = assistant.suggest("alice", "Title for my post on bike brakes");
        String bob = assistant.suggest("bob", "Title for my post on bike brakes");
        // then
        assertNotEquals(alice, bob);
        assertTrue(alice.contains("Tyre-rific rides ahead!"), alice);
        assertFalse(alice.contains("Tyre pressure guidelines"), alice);
        assertTrue(bob.contains("Tyre pressure guidelines"), bob);
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        verify(existing, times(2)).chat(sent.capture());
        sent.getAllValues().forEach(r -> {
            assertFalse(r.toString().contains("alice"), r.toString());
            assertNull(r.temperature(), "no adapter: the app's parameters, which set no temperature; " + r);
        });
    }

    @Test
    void should_take_at_most_15_lines_of_user_code() throws IOException {
        // given
        List<String> lines = Files.readAllLines(
                Path.of("src/main/java/dev/hydra/examples/langchain4j/PersonalizedTitles.java"));
        // when
        int begin = lines.indexOf("        // hydra:begin");
        int end = lines.indexOf("        // hydra:end");
        // then
        assertTrue(begin >= 0 && end > begin, "markers not found");
        assertTrue(end - begin - 1 <= 15, (end - begin - 1) + " lines");
    }
}

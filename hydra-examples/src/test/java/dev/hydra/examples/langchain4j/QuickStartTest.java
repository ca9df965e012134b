package dev.hydra.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.UserId;
import dev.hydra.retrievers.LuceneHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

class QuickStartTest {

    @TempDir
    Path dir;

    /** A scripted model: answers with the demonstrations' answers it was shown, or "plain" without any. */
    private static ChatModel scriptedModel() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            String shown = inv.<ChatRequest>getArgument(0).messages().stream().filter(AiMessage.class::isInstance)
                    .map(m -> ((AiMessage) m).text()).collect(Collectors.joining(" | "));
            return ChatResponse.builder().aiMessage(AiMessage.from(shown.isEmpty() ? "plain" : shown)).build();
        });
        return model;
    }

    @Test
    void should_personalize_for_an_accented_user_with_one_call_and_record_the_answer() {
        // given
        ChatModel model = scriptedModel();
        // when
        String title = QuickStart.run(model, dir);
        // then
        assertEquals("Tyre-rific!", title, "the user's own history item was the demonstration");
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        verify(model, times(1)).chat(sent.capture());
        assertFalse(sent.getValue().toString().contains("José"), "the delegate never sees the user id");
        try (LuceneHistoryStore history = LuceneHistoryStore.open(dir)) {
            assertEquals(2, history.count(UserId.of("Jose\u0301")), "the accepted answer joined the user's history");
        }
    }
}

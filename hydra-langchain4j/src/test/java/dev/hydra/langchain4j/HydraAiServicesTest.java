package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.UserId;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class HydraAiServicesTest {

    interface Assistant {
        String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
    }

    private final ChatModel delegate = mock(ChatModel.class);
    private HydraChatModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /** Answers in the style of the first demonstration it is shown, or "no style" without one. */
    private void answerInTheStyleOfTheFirstDemonstration() {
        when(delegate.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            List<ChatMessage> messages = inv.<ChatRequest>getArgument(0).messages();
            String style = messages.stream().filter(AiMessage.class::isInstance).map(m -> ((AiMessage) m).text())
                    .findFirst().orElse("no style");
            return Fixtures.answer("like: " + style);
        });
    }

    private Assistant assistant() {
        return assistant(HydraAiServices.userIdFromMemoryId());
    }

    private Assistant assistant(BiFunction<ChatRequest, Object, ChatRequest> transformer) {
        model = HydraChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(Fixtures.store(), 1, 1.0)).build();
        return AiServices.builder(Assistant.class)
                .chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
                .chatRequestTransformer(transformer)
                .build();
    }

    @Test
    void should_find_the_user_of_each_conversation_with_the_apps_provider() {
        // given
        answerInTheStyleOfTheFirstDemonstration();
        Map<String, String> owners = Map.of("chat-1", "alice", "chat-2", "alice", "chat-3", "bob");
        Assistant assistant = assistant(HydraAiServices.userIdProvider(owners::get));
        // when
        String first = assistant.chat("chat-1", "title for my post on bike brakes");
        String second = assistant.chat("chat-2", "title for my post on bike brakes");
        String bobs = assistant.chat("chat-3", "title for my post on bike brakes");
        String unknown = assistant.chat("chat-9", "title for my post on bike brakes");
        // then
        assertEquals("like: Tyre-rific rides ahead!", first);
        assertEquals("like: Tyre-rific rides ahead!", second);
        assertEquals("like: Tyre pressure guidelines", bobs);
        assertEquals("like: no style", unknown, "no user for chat-9: the delegate answers alone");
    }

    @Test
    void should_reject_a_provided_user_id_that_breaks_the_rule_naming_it() {
        // given
        BiFunction<ChatRequest, Object, ChatRequest> transformer = HydraAiServices.userIdProvider(id -> " ");
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).build();
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> transformer.apply(request, "chat-1"));
        // then
        assertTrue(e.getMessage().contains("@MemoryId"), e.getMessage());
        assertTrue(e.getMessage().contains("\" \""), e.getMessage());
        assertTrue(e.getMessage().contains(UserId.RULE), e.getMessage());
    }

    @Test
    void should_answer_two_users_differently_from_their_histories() {
        // given
        answerInTheStyleOfTheFirstDemonstration();
        Assistant assistant = assistant();
        // when
        String forAlice = assistant.chat("alice", "title for my post on bike brakes");
        String forBob = assistant.chat("bob", "title for my post on bike brakes");
        // then
        assertEquals("like: Tyre-rific rides ahead!", forAlice);
        assertEquals("like: Tyre pressure guidelines", forBob);
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        verify(delegate, org.mockito.Mockito.times(2)).chat(sent.capture());
        sent.getAllValues().forEach(r -> {
            assertFalse(r.toString().contains("alice"), r.toString());
            assertFalse(r.toString().contains("bob"), r.toString());
        });
    }

    @Test
    void should_reject_a_memory_id_that_is_not_a_user_id() {
        // given
        answerInTheStyleOfTheFirstDemonstration();
        Assistant assistant = assistant();
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assistant.chat("alice\nsmith", "title for my post on bike brakes"));
        // then
        assertTrue(e.getMessage().contains("@MemoryId"), e.getMessage());
        assertTrue(e.getMessage().contains("\"alice\\nsmith\""), e.getMessage());
        assertTrue(e.getMessage().contains(UserId.RULE), e.getMessage());
    }

    @Test
    void should_leave_requests_without_a_memory_id_alone() {
        // given
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).build();
        // when
        ChatRequest withNull = HydraAiServices.userIdFromMemoryId().apply(request, null);
        ChatRequest withDefault = HydraAiServices.userIdFromMemoryId().apply(request, "default");
        ChatRequest withUser = HydraAiServices.userIdFromMemoryId().apply(request, 42);
        // then
        assertSame(request, withNull);
        assertSame(request, withDefault);
        assertEquals(UserId.of("42"),
                ((HydraChatRequestParameters) withUser.parameters()).userId().orElseThrow());
    }
}

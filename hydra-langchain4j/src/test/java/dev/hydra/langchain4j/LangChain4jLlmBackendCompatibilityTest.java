package dev.hydra.langchain4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.AfterEach;

/** The backend kit on {@link LangChain4jLlmBackend} over a Mockito chat model. */
class LangChain4jLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {

    private LangChain4jLlmBackend backend;

    @Override
    protected LlmBackend backend() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            ChatRequest request = inv.getArgument(0);
            UserMessage last = (UserMessage) request.messages().get(request.messages().size() - 1);
            String text = "Headline for " + last.singleText().length() + " chars at t="
                    + request.parameters().temperature();
            return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
        });
        backend = LangChain4jLlmBackend.builder().chatModel(model).modelId("mock-chat-1").build();
        return backend;
    }

    @AfterEach
    void close() throws Exception {
        backend.close();
    }
}

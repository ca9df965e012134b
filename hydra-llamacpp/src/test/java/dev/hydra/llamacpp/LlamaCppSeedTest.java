package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The decorator's backend seeds each sample of a llama.cpp model through its own parameters type. */
class LlamaCppSeedTest {

    @Test
    void should_pass_seed_plus_index_to_a_llama_cpp_model() throws Exception {
        // given
        ChatModel model = mock(ChatModel.class);
        when(model.defaultRequestParameters()).thenReturn(LlamaCppChatRequestParameters.builder().build());
        when(model.chat(any(ChatRequest.class)))
                .thenReturn(ChatResponse.builder().aiMessage(AiMessage.from("ok")).build());
        // when
        try (LangChain4jLlmBackend backend = LangChain4jLlmBackend.builder().chatModel(model).modelId("mock-1")
                .build()) {
            backend.generate(Prompt.ofUser("q"), new Sampling(2, 1.0, 8, 7));
        }
        // then
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        verify(model, times(2)).chat(sent.capture());
        Set<Integer> seeds = new TreeSet<>();
        for (ChatRequest request : sent.getAllValues()) {
            seeds.add(assertInstanceOf(LlamaCppChatRequestParameters.class, request.parameters()).seed());
        }
        assertEquals(Set.of(7, 8), seeds);
    }
}

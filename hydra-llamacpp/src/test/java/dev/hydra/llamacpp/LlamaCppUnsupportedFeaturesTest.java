package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link LlamaCppChatModel} does not support fails as LangChain4j's providers fail: an
 * {@link UnsupportedFeatureException} naming the feature, before any work; and its listeners see each call.
 */
class LlamaCppUnsupportedFeaturesTest {

    @TempDir
    static Path dir;

    private static LlamaCppChatModel model;

    @BeforeAll
    static void load() {
        model = TinyLlama.builder(dir).modelName("tiny").build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ChatRequest asking(ChatRequestParameters parameters) {
        return ChatRequest.builder().messages(UserMessage.from("abc")).parameters(parameters).build();
    }

    private static String rejection(ChatRequest request) {
        return assertThrows(UnsupportedFeatureException.class, () -> model.chat(request)).getMessage();
    }

    @Test
    void should_reject_tools_naming_them() {
        // given
        ToolSpecification tool = ToolSpecification.builder().name("getWeather").build();
        // when
        String message = rejection(asking(ChatRequestParameters.builder().toolSpecifications(tool).build()));
        // then
        assertTrue(message.startsWith("tools is not supported"), message);
    }

    @Test
    void should_reject_a_required_tool_choice_before_the_tools() {
        // given
        ToolSpecification tool = ToolSpecification.builder().name("getWeather").build();
        // when
        String message = rejection(asking(ChatRequestParameters.builder().toolSpecifications(tool)
                .toolChoice(ToolChoice.REQUIRED).build()));
        // then
        assertTrue(message.startsWith("ToolChoice.REQUIRED is not supported"), message);
    }

    @Test
    void should_reject_a_json_response_format() {
        // when
        String message = rejection(asking(ChatRequestParameters.builder().responseFormat(ResponseFormat.JSON).build()));
        // then
        assertTrue(message.startsWith("JSON response format is not supported"), message);
    }

    @Test
    void should_reject_an_image() {
        // given
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from(TextContent.from("What is it?"), ImageContent.from("https://x.test/a.png")))
                .build();
        // when
        String message = rejection(request);
        // then
        assertTrue(message.startsWith("content of type image is not supported"), message);
    }

    @Test
    void should_reject_another_models_name_and_say_how_to_name_this_one() {
        // when
        String message = rejection(asking(ChatRequestParameters.builder().modelName("gpt-4o").build()));
        // then
        assertTrue(message.contains("modelName 'gpt-4o' is not supported"), message);
        assertTrue(message.contains("'tiny'") && message.contains("builder().modelName"), message);
    }

    @Test
    void should_answer_a_request_naming_its_own_model() {
        // when
        String text = model.chat(asking(ChatRequestParameters.builder().modelName("tiny").maxOutputTokens(3)
                .temperature(0.0).build())).aiMessage().text();
        // then
        assertEquals(TinyLlama.greedyContinuation("abc", 3), text);
    }

    @Test
    void should_reject_unsupported_default_parameters_before_loading_anything() {
        // given: no file at that path, so only the check can fail first
        LlamaCppChatModel.Builder builder = LlamaCppChatModel.builder().modelPath(dir.resolve("absent.gguf"))
                .defaultRequestParameters(ChatRequestParameters.builder().modelName("dummy").build());
        // when
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, builder::build);
        // then
        assertTrue(e.getMessage().contains("modelName 'dummy'"), e.getMessage());
    }

    @Test
    void should_let_its_listeners_see_the_request_and_the_response_or_the_error() {
        // given
        List<String> seen = new ArrayList<>();
        ChatModelListener listener = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext context) {
                seen.add("request " + context.chatRequest().parameters().maxOutputTokens());
            }

            @Override
            public void onResponse(ChatModelResponseContext context) {
                seen.add("response " + context.chatResponse().aiMessage().text());
            }

            @Override
            public void onError(ChatModelErrorContext context) {
                seen.add("error " + context.error().getClass().getSimpleName());
            }
        };
        try (LlamaCppChatModel listened = TinyLlama.builder(dir).listeners(List.of(listener)).build()) {
            // when
            listened.chat(asking(ChatRequestParameters.builder().maxOutputTokens(2).temperature(0.0).build()));
            assertThrows(UnsupportedFeatureException.class,
                    () -> listened.chat(asking(ChatRequestParameters.builder().responseFormat(ResponseFormat.JSON)
                            .build())));
        }
        // then
        assertEquals(List.of("request 2", "response " + TinyLlama.greedyContinuation("abc", 2), "request 256",
                "error UnsupportedFeatureException"), seen);
    }
}

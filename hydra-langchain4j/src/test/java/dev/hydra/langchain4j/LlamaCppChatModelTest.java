package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LlamaCppChatModelTest {

    private static LlamaCppChatModel model;

    @BeforeAll
    static void load() {
        model = SharedModels.storiesBuilder().parallel(2).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ChatRequest once(double temperature, int maxTokens, Integer seed) {
        return ChatRequest.builder()
                .messages(UserMessage.from("Once upon a time"))
                .parameters(LlamaCppChatRequestParameters.builder()
                        .temperature(temperature).maxOutputTokens(maxTokens).seed(seed).build())
                .build();
    }

    @Test
    void should_reproduce_the_reference_greedy_text() {
        // when
        ChatResponse response = model.chat(once(0.0, 40, null));
        // then
        String text = response.aiMessage().text();
        assertTrue(SharedModels.STORIES_GREEDY.startsWith(text.strip()) || text.startsWith(SharedModels.STORIES_GREEDY),
                "greedy text was: " + text);
        assertTrue(text.length() > 40, text);
        assertEquals(40, response.tokenUsage().outputTokenCount(), 2);
        assertTrue(response.tokenUsage().inputTokenCount() >= 4, response.tokenUsage().toString());
    }

    @Test
    void should_give_the_same_samples_for_the_same_seed_at_temperature_one() {
        // when
        String a = model.chat(once(1.0, 24, 42)).aiMessage().text();
        String b = model.chat(once(1.0, 24, 42)).aiMessage().text();
        List<String> others = new ArrayList<>();
        for (int seed = 43; seed < 47; seed++) {
            others.add(model.chat(once(1.0, 24, seed)).aiMessage().text());
        }
        // then
        assertEquals(a, b);
        assertTrue(others.stream().anyMatch(o -> !o.equals(a)), "seeds 42..46 all gave: " + a);
    }

    @Test
    void should_stop_at_max_tokens_and_at_stop_sequences() {
        // when
        ChatResponse shortAnswer = model.chat(once(0.0, 5, null));
        ChatResponse stopped = model.chat(ChatRequest.builder().messages(UserMessage.from("Once upon a time"))
                .temperature(0.0).maxOutputTokens(40).stopSequences(List.of("Lily")).build());
        // then
        assertEquals(FinishReason.LENGTH, shortAnswer.finishReason());
        assertTrue(shortAnswer.aiMessage().text().length() < 40, shortAnswer.aiMessage().text());
        assertEquals(", there was a little girl named", stopped.aiMessage().text().stripTrailing());
    }

    @Test
    void should_answer_concurrent_callers_each_with_its_own_answer() throws Exception {
        // given
        String expected = model.chat(once(0.0, 12, null)).aiMessage().text();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> model.chat(once(0.0, 12, null)).aiMessage().text()));
            }
            // then
            for (Future<String> answer : answers) {
                assertEquals(expected, answer.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void should_keep_the_seed_when_merging_parameters() {
        // given
        LlamaCppChatRequestParameters withSeed = LlamaCppChatRequestParameters.builder().seed(7).build();
        // when
        LlamaCppChatRequestParameters merged = model.defaultRequestParameters().overrideWith(withSeed);
        LlamaCppChatRequestParameters defaulted = withSeed.defaultedBy(model.defaultRequestParameters());
        // then
        assertEquals(7, merged.seed());
        assertEquals(0.8, merged.temperature());
        assertEquals(merged, defaulted);
        assertNotEquals(merged, model.defaultRequestParameters());
    }

    @Test
    void should_refuse_calls_after_close_and_close_twice() {
        // given
        LlamaCppChatModel closing = SharedModels.storiesBuilder().build();
        closing.close();
        // when, then
        closing.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> closing.chat(once(0.0, 4, null)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void should_fail_clearly_without_a_model_file() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LlamaCppChatModel.builder().modelPath(Path.of("no/such.gguf")).build());
        assertTrue(missing.getMessage().contains("such.gguf"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LlamaCppChatModel.builder().build());
        assertThrows(IllegalArgumentException.class, () -> LlamaCppChatModel.builder().threads(0));
    }
}

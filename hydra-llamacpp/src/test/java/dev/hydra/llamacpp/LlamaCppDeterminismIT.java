package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the real SmolLM2, a prompt's samples depend on the prompt and the seed alone: not on what the model was
 * asked before (a prompt sharing a long prefix, whose cached evaluation would be reused) nor on the order in which
 * concurrent callers reach the model. Without this, one run of a pipeline gives other numbers than the next.
 */
class LlamaCppDeterminismIT {

    private static final int SEEDS = 4;
    private static LlamaCppChatModel model;

    @BeforeAll
    static void load() {
        Path gguf = LocalModels.ensureSmolLm2(LocalModels.hydraHome());
        model = LlamaCppChatModel.builder().modelPath(gguf).contextSize(1024).threads(2).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A 4-shot prompt: the demonstrations are shared, only the last question differs. */
    private static List<ChatMessage> fewShot(String question) {
        List<ChatMessage> messages = new ArrayList<>();
        String[][] demos = {
                {"A detective hunts a killer through the rain-soaked streets of a city that never sleeps.", "crime"},
                {"Two strangers fall in love on a night train across Europe and part at dawn.", "romance"},
                {"A crew wakes from hypersleep to find their ship drifting far off course near a dying star.",
                        "sci-fi"},
                {"A family moves into an old farmhouse where the walls whisper at night.", "horror"}};
        for (String[] d : demos) {
            messages.add(UserMessage.from("Which tag fits this movie? Answer with one tag. Movie: " + d[0]));
            messages.add(AiMessage.from(d[1]));
        }
        messages.add(UserMessage.from("Which tag fits this movie? Answer with one tag. Movie: " + question));
        return messages;
    }

    private static String ask(List<ChatMessage> messages, int seed) {
        return model.chat(ChatRequest.builder().messages(messages).parameters(LlamaCppChatRequestParameters.builder()
                .temperature(1.0).maxOutputTokens(24).seed(seed).build()).build()).aiMessage().text();
    }

    @Test
    void should_sample_a_prompt_alike_whatever_was_asked_before_and_in_whatever_order() throws Exception {
        List<ChatMessage> target = fewShot("A retired boxer trains his granddaughter for her first fight.");
        List<ChatMessage> sibling = fewShot("A chef loses her sense of taste the week before the big contest.");

        // first: the target's samples, each right after the sibling (which shares all but the last question)
        List<String> afterSibling = new ArrayList<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            ask(sibling, 100 + seed);
            afterSibling.add(ask(target, seed));
        }
        // then: all of the target's samples in a row, in reverse order
        List<String> inARow = new ArrayList<>();
        for (int seed = SEEDS; seed >= 1; seed--) {
            inARow.add(0, ask(target, seed));
        }
        // and: from four threads at once, mixed with the sibling's
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int seed = 1; seed <= SEEDS; seed++) {
                int s = seed;
                pool.submit(() -> ask(sibling, 200 + s));
                futures.add(pool.submit(() -> ask(target, s)));
            }
            List<String> concurrent = new ArrayList<>();
            for (Future<String> f : futures) {
                concurrent.add(f.get());
            }
            assertEquals(afterSibling, inARow, "samples after a sibling prompt and in a row");
            assertEquals(afterSibling, concurrent, "samples from concurrent callers");
        } finally {
            pool.shutdown();
        }
    }
}

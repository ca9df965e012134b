package dev.hydra.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedOpenAiServerTest {

    private static final DelegateProfile FAST = new DelegateProfile(Duration.ofMillis(60), Duration.ofMillis(20), 0.05,
            false, 5, 0, 1, 0, 7);

    private static ChatModel client(SimulatedOpenAiServer server) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("none").modelName("simulated").seed(3)
                .maxRetries(0).build();
    }

    @Test
    void should_answer_through_langchain4j_after_the_drawn_latency() throws Exception {
        // given
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(FAST)) {
            // when
            long start = System.nanoTime();
            ChatResponse response = client(server).chat(UserMessage.from("title for my brakes review"));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            // then
            assertEquals(5, response.aiMessage().text().split(" ").length, response.aiMessage().text());
            assertTrue(tookMillis >= 40, "answered before the least latency the profile allows: " + tookMillis);
            assertEquals(1, server.calls());
        }
    }

    @Test
    void should_answer_the_greedy_call_and_a_sample_with_its_seed_differently() throws Exception {
        // given: the calls of one request, as the decorator makes them: a greedy one and samples seeded 3, 4, ...
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(FAST)) {
            ChatModel model = client(server);
            UserMessage question = UserMessage.from("title for my brakes review");

            // when
            String greedy = model.chat(ChatRequest.builder().messages(question).temperature(0.0).build()).aiMessage()
                    .text();
            String sampled = model.chat(ChatRequest.builder().messages(question).temperature(1.0).build())
                    .aiMessage().text();
            String again = model.chat(ChatRequest.builder().messages(question).temperature(1.0).build()).aiMessage()
                    .text();

            // then: a real model's greedy answer is not its sample's; the same call answers the same
            assertNotEquals(greedy, sampled);
            assertEquals(sampled, again);
        }
    }

    @Test
    void should_stream_one_token_at_a_time_through_langchain4j() throws Exception {
        // given
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(FAST)) {
            OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl())
                    .apiKey("none").modelName("simulated").seed(3).build();
            List<String> partials = new ArrayList<>();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();

            // when
            model.chat("title for my brakes review", new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    partials.add(partial);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            ChatResponse response = done.get(30, TimeUnit.SECONDS);

            // then
            assertEquals(5, partials.size(), partials.toString());
            assertEquals(String.join("", partials), response.aiMessage().text());
            assertEquals(client(server).chat(UserMessage.from("title for my brakes review")).aiMessage().text(),
                    response.aiMessage().text(), "the same seed gives the same answer, streamed or not");
        }
    }

    @Test
    void should_answer_429_with_retry_after_and_count_it() throws Exception {
        // given
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(FAST.withRateLimit(1.0, 2))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers
                            .ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();

            // when
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertEquals(429, response.statusCode());
            assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(1, server.rateLimited());
            assertThrows(RuntimeException.class, () -> client(server).chat(UserMessage.from("hi")));
        }
    }

    @Test
    void should_let_a_retry_pass_where_the_first_attempt_was_limited() throws Exception {
        // given: half the calls limited, so some body is limited on one attempt and passes on a later one
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(FAST.withRateLimit(0.5, 1))) {
            ChatModel model = client(server);
            int passed = 0;

            // when
            for (int i = 0; i < 6; i++) {
                try {
                    model.chat(UserMessage.from("the same question"));
                    passed++;
                } catch (RuntimeException limited) {
                    // the next attempt draws again
                }
            }

            // then
            assertTrue(passed > 0 && server.rateLimited() > 0, passed + " passed, " + server.rateLimited()
                    + " limited");
            assertEquals(6, server.calls());
        }
    }

    @Test
    void should_keep_one_requests_samples_within_the_spread_and_draw_the_same_again() throws Exception {
        // given
        try (SimulatedOpenAiServer together = SimulatedOpenAiServer.start(DelegateProfile.REALISTIC);
                SimulatedOpenAiServer apart = SimulatedOpenAiServer.start(
                        DelegateProfile.REALISTIC.withIndependentSamples(true))) {
            // when
            List<Long> same = new ArrayList<>();
            List<Long> independent = new ArrayList<>();
            for (long seed = 0; seed < 8; seed++) {
                same.add(together.latencyMillis(1234, seed));
                independent.add(apart.latencyMillis(1234, seed));
            }

            // then
            long min = same.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = same.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(max <= Math.ceil(min * 1.05 / 0.95) + 1, "samples of one request: " + same);
            assertTrue(min >= 285 && max <= 525, "400 ms +- 100 ms, +-5%: " + same);
            assertEquals(same.get(3), together.latencyMillis(1234, 3), "deterministic");
            long spread = independent.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - independent.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertTrue(spread > max - min, "independent draws spread wider: " + independent + " vs " + same);
        }
    }

    @Test
    void should_reject_a_profile_outside_its_ranges_naming_the_value() {
        IllegalArgumentException jitter = assertThrows(IllegalArgumentException.class, () -> new DelegateProfile(
                Duration.ofMillis(10), Duration.ofMillis(20), 0, false, 1, 0, 1, 0, 1));
        IllegalArgumentException limited = assertThrows(IllegalArgumentException.class,
                () -> FAST.withRateLimit(1.5, 1));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> FAST.withRateLimit(0.6, 1).withFailures(0.6));
        assertTrue(jitter.getMessage().contains("jitter"), jitter.getMessage());
        assertTrue(limited.getMessage().contains("rateLimitedFraction"), limited.getMessage());
        assertTrue(both.getMessage().contains("<= 1"), both.getMessage());
    }
}

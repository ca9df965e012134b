package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class LangChain4jLlmBackendTest {

    private final ChatModel model = mock(ChatModel.class);
    private LangChain4jLlmBackend backend;

    @AfterEach
    void close() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    private static ChatResponse answer(String text, int in, int out) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text))
                .tokenUsage(new dev.langchain4j.model.output.TokenUsage(in, out)).build();
    }

    private LangChain4jLlmBackend backend(ChatModel chatModel) {
        backend = LangChain4jLlmBackend.builder().chatModel(chatModel).modelId("mock-1").build();
        return backend;
    }

    @Test
    void should_send_the_turns_in_order_with_temperature_and_max_tokens_once_per_sample() {
        // given
        when(model.chat(any(ChatRequest.class))).thenReturn(answer("ok", 7, 2));
        Prompt prompt = new Prompt(List.of(ChatTurn.system("be brief"), ChatTurn.user("q1"),
                ChatTurn.assistant("a1"), ChatTurn.user("q2")));
        // when
        Generation g = backend(model).generate(prompt, new Sampling(3, 0.7, 33, 5));
        // then
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        verify(model, times(3)).chat(sent.capture());
        for (ChatRequest request : sent.getAllValues()) {
            List<ChatMessage> m = request.messages();
            assertEquals(List.of(SystemMessage.from("be brief"), UserMessage.from("q1"), AiMessage.from("a1"),
                    UserMessage.from("q2")), m);
            assertEquals(0.7, request.parameters().temperature());
            assertEquals(33, request.parameters().maxOutputTokens());
            assertSame(DefaultChatRequestParameters.class, request.parameters().getClass());
        }
        assertEquals(List.of(new Candidate("ok", 0), new Candidate("ok", 1), new Candidate("ok", 2)),
                g.candidates());
        assertEquals(new TokenUsage(21, 6), g.usage());
        assertTrue(g.failures().isEmpty());
    }

    @Test
    void should_pass_seed_plus_index_to_an_openai_model() {
        // given: a model whose parameters take a seed, as OpenAI's (hydra-llamacpp tests llama.cpp's)
        when(model.provider()).thenReturn(ModelProvider.OPEN_AI);
        when(model.defaultRequestParameters()).thenReturn(OpenAiChatRequestParameters.builder().build());
        when(model.chat(any(ChatRequest.class))).thenReturn(answer("ok", 1, 1));
        // when
        backend(model).generate(Prompt.ofUser("q"), new Sampling(4, 1.0, 8, 100));
        // then
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        verify(model, times(4)).chat(sent.capture());
        Set<Integer> seeds = new TreeSet<>();
        for (ChatRequest request : sent.getAllValues()) {
            seeds.add(assertInstanceOf(OpenAiChatRequestParameters.class, request.parameters()).seed());
        }
        assertEquals(Set.of(100, 101, 102, 103), seeds);
    }

    @Test
    void should_keep_the_good_samples_and_report_the_failed_ones() {
        // given: the second call fails, whichever sample it carries
        AtomicInteger calls = new AtomicInteger();
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("rate limited");
            }
            return answer("fine", 3, 1);
        });
        // when
        Generation g = backend(model).generate(Prompt.ofUser("q"), new Sampling(4, 1.0, 8, 0));
        // then
        assertEquals(3, g.candidates().size());
        assertEquals(1, g.failures().size());
        SampleFailure failure = g.failures().get(0);
        assertEquals("IllegalStateException: rate limited", failure.reason());
        assertFalse(failure.timedOut());
        assertEquals(new TokenUsage(9, 3), g.usage());
    }

    @Test
    void should_report_a_response_without_text_as_a_failed_sample() {
        // given
        when(model.chat(any(ChatRequest.class)))
                .thenReturn(ChatResponse.builder().aiMessage(AiMessage.from(List.of(
                        dev.langchain4j.agent.tool.ToolExecutionRequest.builder().name("t").build()))).build());
        // when
        LlmException e = assertThrows(LlmException.class,
                () -> backend(model).generate(Prompt.ofUser("q"), new Sampling(1, 0.0, 8, 0)));
        // then
        assertTrue(e.getMessage().contains("no text"), e.getMessage());
    }

    @Test
    void should_throw_with_the_first_cause_when_every_sample_fails() {
        // given
        List<RuntimeException> thrown = new CopyOnWriteArrayList<>();
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            RuntimeException e = new IllegalArgumentException("bad key " + thrown.size());
            thrown.add(e);
            throw e;
        });
        // when
        LlmException e = assertThrows(LlmException.class,
                () -> backend(model).generate(Prompt.ofUser("q"), new Sampling(3, 1.0, 8, 0)));
        // then
        assertTrue(thrown.contains(e.getCause()), String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("all 3 samples failed"), e.getMessage());
        assertTrue(e.getMessage().contains("mock-1"), e.getMessage());
    }

    @Test
    void should_time_out_a_slow_sample_and_keep_the_others() {
        // given
        AtomicInteger calls = new AtomicInteger();
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            if (calls.incrementAndGet() == 1) {
                Thread.sleep(10_000);
            }
            return answer("quick", 1, 1);
        });
        backend = LangChain4jLlmBackend.builder().chatModel(model).sampleTimeout(Duration.ofMillis(300)).build();
        // when
        long start = System.nanoTime();
        Generation g = backend.generate(Prompt.ofUser("q"), new Sampling(3, 1.0, 8, 0));
        // then
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "waited for the slow sample");
        assertEquals(2, g.candidates().size());
        assertTrue(g.failures().get(0).timedOut(), g.failures().toString());
        assertTrue(g.failures().get(0).reason().contains("longer than"), g.failures().toString());
    }

    @Test
    void should_run_samples_concurrently_on_named_threads_within_the_bound() {
        // given: the first three samples wait for each other, so three run at once however slow the machine
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        when(model.chat(any(ChatRequest.class))).thenAnswer(inv -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            three.countDown();
            three.await(10, TimeUnit.SECONDS);
            Thread.sleep(20);
            inFlight.decrementAndGet();
            return answer("x", 1, 1);
        });
        backend = LangChain4jLlmBackend.builder().chatModel(model).name("remote").concurrency(3).build();
        // when
        Generation g = backend.generate(Prompt.ofUser("q"), new Sampling(9, 1.0, 8, 0));
        // then
        assertEquals(9, g.candidates().size());
        assertEquals(3, most.get());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("hydra-llm-remote-")), threads.toString());
    }

    @Test
    void should_take_the_model_id_from_the_chat_model_when_not_given() {
        // given
        when(model.defaultRequestParameters())
                .thenReturn(DefaultChatRequestParameters.builder().modelName("gpt-x").build());
        // when
        backend = LangChain4jLlmBackend.builder().chatModel(model).build();
        // then
        assertEquals("gpt-x", backend.modelId());
        assertEquals("langchain4j", backend.name());
        verify(model, atLeastOnce()).defaultRequestParameters();
    }

    @Test
    void should_close_an_owned_model_and_refuse_work_after_close() throws Exception {
        // given
        ChatModel closeable = mock(ChatModel.class, withSettings().extraInterfaces(AutoCloseable.class));
        LangChain4jLlmBackend owning = LangChain4jLlmBackend.builder().chatModel(closeable).ownsModel(true).build();
        // when
        owning.close();
        // then
        verify((AutoCloseable) closeable).close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> owning.generate(Prompt.ofUser("q"), Sampling.greedy(4)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void should_reject_bad_builder_input() {
        assertThrows(IllegalArgumentException.class, () -> LangChain4jLlmBackend.builder().build());
        assertThrows(IllegalArgumentException.class, () -> LangChain4jLlmBackend.builder().name("Bad Name"));
        assertThrows(IllegalArgumentException.class, () -> LangChain4jLlmBackend.builder().concurrency(0));
        assertThrows(IllegalArgumentException.class,
                () -> LangChain4jLlmBackend.builder().sampleTimeout(Duration.ZERO));
    }
}

package dev.hydra.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.task.BuiltInTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class HydraTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final TaskSpec TITLES = BuiltInTasks.find("review_title").orElseThrow();
    private static final String PREFIX = "Generate a title for the following product review: ";

    private final HistoryItem strap = HistoryItem.of("a1", ALICE, "The strap is comfy.", "Comfy strap");
    private final HistoryItem tuner = HistoryItem.of("a2", ALICE, "The tuner is accurate.", "Accurate tuner");
    private final HistoryItem cable = HistoryItem.of("a3", ALICE, "The cable broke.", "Broken cable");

    private Retriever retriever;
    private Reranker reranker;
    private Adapter adapter;
    private LlmBackend backend;

    @BeforeEach
    void setUp() {
        retriever = mock(Retriever.class);
        when(retriever.name()).thenReturn("fake-retriever");
        when(retriever.retrieve(any(), anyInt())).thenReturn(List.of(
                new Scored<>(strap, 3.0), new Scored<>(tuner, 2.0), new Scored<>(cable, 1.0)));
        reranker = mock(Reranker.class);
        when(reranker.name()).thenReturn("fake-reranker");
        // the reranker prefers the cable, then the strap
        when(reranker.rerank(any(), any(), anyInt())).thenReturn(List.of(
                new Scored<>(cable, 0.9), new Scored<>(strap, 0.7)));
        adapter = mock(Adapter.class);
        when(adapter.name()).thenReturn("fake-adapter");
        when(adapter.score(any(), any())).thenAnswer(inv -> {
            List<Candidate> cs = inv.getArgument(1);
            List<Scored<Candidate>> out = new ArrayList<>();
            for (Candidate c : cs) {
                out.add(new Scored<>(c, c.text().equals("Great tuner") ? 0.8 : 0.1));
            }
            return out;
        });
        backend = mock(LlmBackend.class);
        when(backend.name()).thenReturn("fake-llm");
        when(backend.generate(any(), any())).thenReturn(Generation.of(List.of(
                new Candidate("Nice", 0), new Candidate("Great tuner", 1), new Candidate("Ok", 2)),
                new TokenUsage(30, 6)));
    }

    private Hydra.Builder hydra() {
        return Hydra.builder().retriever(retriever).reranker(reranker).adapter(adapter).backend(backend)
                .task(TITLES).config(HydraConfig.DEFAULTS.withRetrieval(10, 2).withSampling(3, 1.0))
                .greedyInPool(false);
    }

    @Test
    void should_leave_out_the_oldest_demonstrations_first_to_fit_the_prompt_budget() {
        // given: the reranker keeps cable then strap; the strap is the older item
        HistoryItem oldStrap = new HistoryItem("a1", ALICE, "The strap is comfy.", "Comfy strap",
                java.time.Instant.EPOCH,
                java.util.Map.of());
        HistoryItem newCable = new HistoryItem("a3", ALICE, "The cable broke.", "Broken cable",
                java.time.Instant.EPOCH.plusSeconds(60), java.util.Map.of());
        when(retriever.retrieve(any(), anyInt()))
                .thenReturn(List.of(new Scored<>(oldStrap, 3.0), new Scored<>(newCable, 1.0)));
        doReturn(List.of(new Scored<>(newCable, 0.9), new Scored<>(oldStrap, 0.7))).when(reranker).rerank(any(), any(),
                anyInt());
        // the template has 8 words: strap 8 + 4 + 2, cable 8 + 3 + 2, the query 8 + 2: 37 words in all
        HydraResult whole = hydra().promptWords(37).build().personalize(new Query(ALICE, "x y", "review_title"));
        HydraResult cut = hydra().promptWords(36).build().personalize(new Query(ALICE, "x y", "review_title"));
        HydraResult none = hydra().promptWords(5).build().personalize(new Query(ALICE, "x y", "review_title"));

        // then
        assertEquals(List.of("a3", "a1"), whole.usedItems().stream().map(u -> u.item().id()).toList());
        assertFalse(whole.degraded());
        assertEquals(List.of("a3"), cut.usedItems().stream().map(u -> u.item().id()).toList());
        assertEquals("dropped 1 of 2 demonstrations (oldest first) to fit the prompt budget of 36 words",
                cut.degradations().get(0).message());
        assertEquals(Degradation.Kind.DEMONSTRATIONS_DROPPED, cut.degradations().get(0).kind());
        assertEquals(List.of(), none.usedItems());
        assertEquals(1, none.prompt().turns().size(), "the query is never cut");
        assertThrows(IllegalArgumentException.class, () -> hydra().promptWords(-1));
    }

    @Test
    void should_put_the_greedy_answer_first_in_the_pool_and_sample_the_rest() {
        // given: the black box answers "Greedy" at temperature 0 and two samples otherwise
        when(backend.generate(any(), any())).thenAnswer(inv -> {
            Sampling s = inv.getArgument(1);
            return s.temperature() == 0 ? Generation.of(List.of(new Candidate("Greedy", 0)), new TokenUsage(30, 2))
                    : Generation.of(List.of(new Candidate("Nice", 0), new Candidate("Great tuner", 1)),
                            new TokenUsage(30, 4));
        });

        // when
        HydraResult result = hydra().greedyInPool(true).build().personalize(new Query(ALICE, "x y", "review_title"));

        // then: greedy first as sample 0, the two samples after it, one call each
        ArgumentCaptor<Sampling> sampling = ArgumentCaptor.forClass(Sampling.class);
        verify(backend, org.mockito.Mockito.times(2)).generate(any(), sampling.capture());
        assertEquals(List.of(1, 2), sampling.getAllValues().stream().map(Sampling::n).sorted().toList(),
                "the two calls run at once, in either order");
        assertEquals(List.of("Greedy", "Nice", "Great tuner"),
                result.answers().stream().map(a -> a.candidate().text()).toList());
        assertEquals(List.of(0, 1, 2), result.answers().stream().map(a -> a.candidate().sampleIndex()).toList());
        assertEquals(new TokenUsage(60, 6), result.usage());
        assertEquals("Great tuner", result.answer());
    }

    @Test
    void should_answer_from_the_samples_when_the_greedy_call_fails() {
        when(backend.generate(any(), any())).thenAnswer(inv -> {
            Sampling s = inv.getArgument(1);
            if (s.temperature() == 0) {
                throw new LlmException("greedy failed", new RuntimeException("500"));
            }
            return Generation.of(List.of(new Candidate("Nice", 0), new Candidate("Great tuner", 1)), TokenUsage.ZERO);
        });
        HydraResult result = hydra().greedyInPool(true).build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals("Great tuner", result.answer());
        assertEquals(1, result.failures().size());
        assertEquals(0, result.failures().get(0).sampleIndex());
    }

    @Test
    void should_never_choose_an_unreadable_rating_while_a_readable_one_exists() {
        // given: the adapter likes the unreadable answer best
        TaskSpec ratings = BuiltInTasks.find("product_rating").orElseThrow();
        when(backend.generate(any(), any())).thenReturn(Generation.of(List.of(
                new Candidate("I'm 100% sure", 0), new Candidate("4", 1)), TokenUsage.ZERO));
        doAnswer(inv -> {
            List<Candidate> cs = inv.getArgument(1);
            return cs.stream().map(c -> new Scored<>(c, c.sampleIndex() == 0 ? 0.9 : 0.1)).toList();
        }).when(adapter).score(any(), any());

        // when
        HydraResult result = hydra().task(ratings).build()
                .personalize(new Query(ALICE, "fine strings", "product_rating"));

        // then
        assertEquals("4", result.answer());
    }

    @Test
    void should_add_the_labels_no_sample_gave_when_label_candidates_are_on() {
        TaskSpec tags = BuiltInTasks.find("movie_tagging").orElseThrow();
        when(backend.generate(any(), any())).thenReturn(Generation.of(List.of(
                new Candidate("comedy", 0), new Candidate("Comedy.", 1)), TokenUsage.ZERO));
        HydraResult on = hydra().task(tags).labelCandidates(true).build()
                .personalize(new Query(ALICE, "a funny film", "movie_tagging"));
        HydraResult off = hydra().task(tags).build().personalize(new Query(ALICE, "a funny film", "movie_tagging"));
        assertEquals(2 + tags.labels().size() - 1, on.answers().size());
        assertTrue(on.answers().stream().skip(2).allMatch(a -> a.candidate().sampleIndex() >= 2
                && !a.candidate().text().equals("comedy")));
        assertEquals(2, off.answers().size());
    }

    @Test
    void should_prompt_with_demonstrations_in_reranked_order_and_return_the_adapters_pick() {
        // when
        HydraResult result = hydra().build().personalize(new Query(ALICE, "My new tuner works well.", "review_title"));

        // then: the black box got the demonstrations best-first under the template, then the query
        ArgumentCaptor<Prompt> prompt = ArgumentCaptor.forClass(Prompt.class);
        ArgumentCaptor<Sampling> sampling = ArgumentCaptor.forClass(Sampling.class);
        verify(backend).generate(prompt.capture(), sampling.capture());
        assertEquals(List.of(
                ChatTurn.user(PREFIX + "The cable broke."), ChatTurn.assistant("Broken cable"),
                ChatTurn.user(PREFIX + "The strap is comfy."), ChatTurn.assistant("Comfy strap"),
                ChatTurn.user(PREFIX + "My new tuner works well.")), prompt.getValue().turns());
        assertEquals(3, sampling.getValue().n());
        assertEquals(1.0, sampling.getValue().temperature());
        verify(retriever).retrieve(new Query(ALICE, "My new tuner works well.", "review_title"), 10);

        // and the evidence says what happened
        assertEquals("Great tuner", result.answer());
        assertEquals(List.of("a3", "a1"), result.usedItems().stream().map(u -> u.item().id()).toList());
        assertEquals(1.0, result.usedItems().get(0).retrievalScore());
        assertEquals(OptionalDouble.of(0.9), result.usedItems().get(0).rerankScore());
        assertEquals(3, result.answers().size());
        assertEquals(1, result.answers().stream().filter(ScoredAnswer::chosen).count());
        assertEquals(OptionalDouble.of(0.8), result.answers().get(1).score());
        assertEquals(new TokenUsage(30, 6), result.usage());
        assertTrue(result.timings().keySet()
                .containsAll(List.of(Stage.RETRIEVE, Stage.RERANK, Stage.GENERATE, Stage.ADAPT)));
        assertFalse(result.degraded(), result.degradations().toString());
    }

    @Test
    void should_prepare_the_reranker_beside_the_retriever_and_rerank_only_when_prepared() throws Exception {
        // given a reranker whose preparation is slow and a retriever that records its thread
        Query plain = new Query(ALICE, "My new tuner works well.", "review_title");
        CountDownLatch retrieving = new CountDownLatch(1);
        AtomicReference<Thread> preparedOn = new AtomicReference<>();
        AtomicBoolean prepared = new AtomicBoolean();
        doAnswer(inv -> {
            preparedOn.set(Thread.currentThread());
            assertTrue(retrieving.await(5, TimeUnit.SECONDS), "the retriever must run while the reranker prepares");
            Thread.sleep(30);
            prepared.set(true);
            return null;
        }).when(reranker).prepare(any());
        when(retriever.retrieve(any(), anyInt())).thenAnswer(inv -> {
            retrieving.countDown();
            return List.of(new Scored<>(strap, 3.0), new Scored<>(tuner, 2.0), new Scored<>(cable, 1.0));
        });
        when(reranker.rerank(any(), any(), anyInt())).thenAnswer(inv -> {
            assertTrue(prepared.get(), "rerank must wait for the preparation");
            return List.of(new Scored<>(cable, 0.9), new Scored<>(strap, 0.7));
        });

        // when
        HydraResult result = hydra().build().personalize(new Query(ALICE, PREFIX + "My new tuner works well.",
                "review_title"));

        // then: prepared with the query rerank got, on another thread, and nothing degraded
        verify(reranker).prepare(plain);
        verify(reranker).rerank(eq(plain), any(), eq(2));
        assertNotEquals(Thread.currentThread(), preparedOn.get());
        assertEquals(List.of("a3", "a1"), result.usedItems().stream().map(u -> u.item().id()).toList());
        assertFalse(result.degraded(), result.degradations().toString());
    }

    @Test
    void should_rerank_as_usual_when_the_preparation_fails() {
        doThrow(new IllegalStateException("encoder busy")).when(reranker).prepare(any());
        HydraResult result = hydra().build().personalize(new Query(ALICE, "My new tuner works well.", "review_title"));
        assertEquals(List.of("a3", "a1"), result.usedItems().stream().map(u -> u.item().id()).toList());
        assertFalse(result.degraded(), "a failed preparation is the reranker's to redo: " + result.degradations());
    }

    @Test
    void should_not_prepare_a_reranker_that_will_not_run() {
        hydra().config(HydraConfig.DEFAULTS.withRetrieval(10, 0).withSampling(3, 1.0)).build()
                .personalize(new Query(ALICE, "Strong case.", "review_title"));
        verify(reranker, never()).prepare(any());
    }

    @Test
    void should_retrieve_with_the_raw_text_when_the_query_carries_the_template() {
        hydra().build().personalize(new Query(ALICE, PREFIX + "Loud amp.", "review_title"));
        verify(retriever).retrieve(new Query(ALICE, "Loud amp.", "review_title"), 10);
        ArgumentCaptor<Prompt> prompt = ArgumentCaptor.forClass(Prompt.class);
        verify(backend).generate(prompt.capture(), any());
        assertEquals(PREFIX + "Loud amp.", prompt.getValue().lastUserText(), "template applied once");
    }

    @Test
    void should_be_zero_shot_with_k_zero_and_not_call_the_retriever() {
        when(backend.generate(any(), any()))
                .thenReturn(Generation.of(List.of(new Candidate("Nice", 0)), TokenUsage.ZERO));
        HydraResult result = hydra().config(HydraConfig.DEFAULTS.withRetrieval(10, 0).withSampling(1, 0.0)).build()
                .personalize(ALICE, List.of(ChatTurn.user("Strong case.")));
        verify(retriever, never()).retrieve(any(), anyInt());
        verify(adapter, never()).score(any(), any());
        assertEquals(List.of(ChatTurn.user(PREFIX + "Strong case.")), result.prompt().turns());
        assertTrue(result.usedItems().isEmpty());
    }

    @Test
    void should_keep_the_retrievers_order_without_a_reranker() {
        HydraResult result = hydra().reranker(null).build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals(List.of("a1", "a2"), result.usedItems().stream().map(u -> u.item().id()).toList());
        assertTrue(result.usedItems().get(0).rerankScore().isEmpty());
    }

    /** Records every event as one line. */
    private static final class RecordingListener implements HydraListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onStageStart(Stage stage, String plugin) {
            events.add("start " + stage + " " + plugin);
        }

        @Override
        public void onStageEnd(Stage stage, String plugin, java.time.Duration took) {
            events.add("end " + stage + " " + plugin + (took.isNegative() ? " negative" : ""));
        }

        @Override
        public void onStageFailure(Stage stage, String plugin, Throwable error) {
            events.add("failure " + stage + " " + plugin + " " + error.getMessage());
        }

        @Override
        public void onDegradation(Degradation degradation) {
            events.add("degraded " + degradation.stage() + " " + degradation.plugin() + " " + degradation.kind());
        }

        @Override
        public void onSamples(String backend, int answered, int failed) {
            events.add("samples " + backend + " " + answered + "/" + failed);
        }
    }

    @Test
    void should_tell_listeners_each_stage_with_its_plugin_in_order() {
        // given
        RecordingListener listener = new RecordingListener();

        // when
        hydra().listener(listener).build().personalize(new Query(ALICE, "x y", "review_title"));

        // then
        assertEquals(List.of("start RETRIEVE fake-retriever", "end RETRIEVE fake-retriever",
                "start RERANK fake-reranker", "end RERANK fake-reranker", "start GENERATE fake-llm",
                "end GENERATE fake-llm", "samples fake-llm 3/0", "start ADAPT fake-adapter", "end ADAPT fake-adapter"),
                listener.events);
    }

    @Test
    void should_tell_listeners_a_plugins_failure_and_the_typed_degradation() {
        // given
        RecordingListener listener = new RecordingListener();
        IllegalStateException damaged = new IllegalStateException("head file damaged");
        when(reranker.rerank(any(), any(), anyInt())).thenThrow(damaged);

        // when
        HydraResult result = hydra().listener(listener).build().personalize(new Query(ALICE, "x y", "review_title"));

        // then
        assertTrue(listener.events.containsAll(List.of("failure RERANK fake-reranker head file damaged",
                "degraded RERANK fake-reranker PLUGIN_FAILED")), listener.events.toString());
        Degradation d = result.degradations().get(0);
        assertEquals(Stage.RERANK, d.stage());
        assertEquals("fake-reranker", d.plugin());
        assertEquals(Degradation.Kind.PLUGIN_FAILED, d.kind());
        assertSame(damaged, d.failure().orElseThrow());
    }

    @Test
    void should_answer_when_a_listener_throws_and_keep_telling_the_others() {
        // given
        RecordingListener after = new RecordingListener();
        HydraListener throwing = new HydraListener() {
            @Override
            public void onStageStart(Stage stage, String plugin) {
                throw new IllegalStateException("listener bug");
            }
        };

        // when
        HydraResult result = hydra().listener(throwing).listener(after).build()
                .personalize(new Query(ALICE, "x y", "review_title"));

        // then
        assertEquals("Great tuner", result.answer());
        assertFalse(result.degraded(), "a listener's bug is not the request's degradation");
        assertEquals(9, after.events.size(), after.events.toString());
        hydra().listener(after).build().toBuilder().build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals(18, after.events.size(), "a copy of the pipeline keeps its listeners");
    }

    @Test
    void should_reject_a_degradation_without_plugin_or_message() {
        // when
        IllegalArgumentException plugin = assertThrows(IllegalArgumentException.class,
                () -> new Degradation(Stage.ADAPT, " ", Degradation.Kind.PLUGIN_FAILED, "failed", null));
        IllegalArgumentException message = assertThrows(IllegalArgumentException.class,
                () -> new Degradation(Stage.ADAPT, "a", Degradation.Kind.PLUGIN_FAILED, "", null));

        // then
        assertTrue(plugin.getMessage().contains("plugin"), plugin.getMessage());
        assertTrue(message.getMessage().contains("message"), message.getMessage());
        assertEquals("failed", new Degradation(Stage.ADAPT, "a", Degradation.Kind.PLUGIN_FAILED, "failed", null)
                .toString());
    }

    @Test
    void should_degrade_to_the_retrievers_order_when_the_reranker_fails() {
        when(reranker.rerank(any(), any(), anyInt())).thenThrow(new IllegalStateException("head file damaged"));
        HydraResult result = hydra().build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals(List.of("a1", "a2"), result.usedItems().stream().map(u -> u.item().id()).toList());
        assertEquals("Great tuner", result.answer());
        assertTrue(result.degradations().get(0).message().contains("reranker 'fake-reranker' failed"),
                result.degradations().toString());
        assertTrue(result.degradations().get(0).message().contains("head file damaged"));
    }

    @Test
    void should_answer_with_the_first_sample_when_the_adapter_fails() {
        doThrow(new RuntimeException("boom")).when(adapter).score(any(), any());
        HydraResult result = hydra().build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals("Nice", result.answer());
        assertTrue(result.answers().stream().allMatch(a -> a.score().isEmpty()));
        assertTrue(result.degradations().get(0).message().startsWith("adapter 'fake-adapter' failed"));
    }

    @Test
    void should_answer_zero_shot_when_the_retriever_fails() {
        when(retriever.retrieve(any(), anyInt())).thenThrow(new RuntimeException("index locked"));
        HydraResult result = hydra().build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals(1, result.prompt().turns().size());
        verify(reranker, never()).rerank(any(), any(), anyInt());
        assertTrue(result.degradations().get(0).message().contains("answered zero-shot"));
    }

    @Test
    void should_drop_items_of_other_users_that_a_faulty_retriever_returns() {
        HistoryItem bobs = HistoryItem.of("b1", UserId.of("bob"), "Bob's secret review", "Bob's title");
        when(retriever.retrieve(any(), anyInt()))
                .thenReturn(List.of(new Scored<>(bobs, 9.0), new Scored<>(strap, 1.0)));
        HydraResult result = hydra().reranker(null).build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals(List.of("a1"), result.usedItems().stream().map(u -> u.item().id()).toList());
        assertFalse(result.prompt().turns().toString().contains("Bob"));
        assertTrue(result.degradations().get(0).message().contains("other users"));
    }

    @Test
    void should_use_the_samples_that_succeeded_and_say_how_many_failed() {
        when(backend.generate(any(), any())).thenReturn(new Generation(
                List.of(new Candidate("Great tuner", 1)),
                List.of(new SampleFailure(0, "timeout", true), new SampleFailure(2, "500", false)), TokenUsage.ZERO));
        HydraResult result = hydra().build().personalize(new Query(ALICE, "x y", "review_title"));
        assertEquals("Great tuner", result.answer());
        assertEquals(2, result.failures().size());
        assertTrue(result.degradations().get(0).message().startsWith("2 of 3 samples failed"));
    }

    @Test
    void should_surface_the_black_box_error_when_every_sample_fails() {
        LlmException failure = new LlmException("all 3 samples failed", new RuntimeException("connection refused"));
        when(backend.generate(any(), any())).thenThrow(failure);
        LlmException thrown = assertThrows(LlmException.class,
                () -> hydra().build().personalize(new Query(ALICE, "x y", "review_title")));
        assertSame(failure, thrown);
    }

    @Test
    void should_reject_unknown_tasks_and_conversations_without_a_last_user_message() {
        Hydra h = hydra().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.personalize(new Query(ALICE, "x", "nope")));
        assertTrue(e.getMessage().contains("[review_title]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> h.personalize(ALICE, List.of(ChatTurn.user("q"), ChatTurn.assistant("a"))));
        assertThrows(IllegalStateException.class, () -> Hydra.builder().backend(backend).task(TITLES).build());
    }

    @Test
    void should_keep_system_turns_first_and_earlier_conversation_before_the_query() {
        HydraResult result = hydra().reranker(null).config(HydraConfig.DEFAULTS.withRetrieval(10, 1)).build()
                .personalize(ALICE, List.of(ChatTurn.system("Be brief."), ChatTurn.user("first"),
                        ChatTurn.assistant("reply"), ChatTurn.user("second")));
        assertEquals(List.of(ChatTurn.system("Be brief."), ChatTurn.user(PREFIX + "The strap is comfy."),
                ChatTurn.assistant("Comfy strap"), ChatTurn.user("first"), ChatTurn.assistant("reply"),
                ChatTurn.user(PREFIX + "second")), result.prompt().turns());
        verify(retriever).retrieve(eq(new Query(ALICE, "second", "review_title")), eq(10));
    }
}

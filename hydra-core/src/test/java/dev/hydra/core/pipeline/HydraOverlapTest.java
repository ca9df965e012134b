package dev.hydra.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.task.ChatTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's overlap: the greedy and the sampled calls run at once, each candidate is prepared by the adapter as
 * its sample completes (before the last one does), and an early answer is handed over as soon as a sample clears
 * its threshold. Scripted backends and latches: no timing is asserted.
 */
class HydraOverlapTest {

    private static final UserId USER = UserId.of("ada");
    private static final long WAIT_SECONDS = 10;

    /** Scores by text from a table; records what it prepared. */
    private static final class TableAdapter implements Adapter {
        final Map<String, Double> scores;
        final Set<Integer> prepared = ConcurrentHashMap.newKeySet();
        final List<String> preparedTexts = new CopyOnWriteArrayList<>();
        final CountDownLatch preparedLatch;
        volatile boolean failPrepare;

        TableAdapter(Map<String, Double> scores, int expectedPrepares) {
            this.scores = scores;
            this.preparedLatch = new CountDownLatch(expectedPrepares);
        }

        @Override
        public String name() {
            return "table";
        }

        @Override
        public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
            return candidates.stream().map(c -> new Scored<>(c, scores.getOrDefault(c.text(), 0.0))).toList();
        }

        @Override
        public void prepare(Query query, Candidate candidate) {
            if (failPrepare) {
                throw new IllegalStateException("prepare broke");
            }
            prepared.add(candidate.sampleIndex());
            preparedTexts.add(candidate.text());
            preparedLatch.countDown();
        }
    }

    /**
     * Hands over the first samples through the callback, then runs {@code beforeLast} (which may wait on a latch),
     * then the last one.
     */
    private static final class ScriptedBackend implements LlmBackend {
        final List<String> answers;
        final Runnable beforeLast;

        ScriptedBackend(List<String> answers, Runnable beforeLast) {
            this.answers = answers;
            this.beforeLast = beforeLast;
        }

        @Override
        public Generation generate(Prompt prompt, Sampling sampling) {
            return generate(prompt, sampling, c -> {});
        }

        @Override
        public Generation generate(Prompt prompt, Sampling sampling, Consumer<Candidate> onCandidate) {
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < sampling.n(); i++) {
                if (i == sampling.n() - 1) {
                    beforeLast.run();
                }
                Candidate c = new Candidate(answers.get(i), i);
                out.add(c);
                onCandidate.accept(c);
            }
            return Generation.of(out, TokenUsage.ZERO);
        }

        @Override
        public String modelId() {
            return "scripted";
        }

        @Override
        public String name() {
            return "scripted";
        }
    }

    private static Hydra.Builder pipeline(LlmBackend backend, Adapter adapter, int n) {
        return Hydra.builder().backend(backend).adapter(adapter).task(new ChatTask()).greedyInPool(false)
                .config(HydraConfig.DEFAULTS.withRetrieval(10, 0).withSampling(n, 1.0));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void should_prepare_each_candidate_before_the_last_sample_completes() {
        // given: the last sample completes only once the adapter has prepared the first two
        TableAdapter adapter = new TableAdapter(Map.of("a", 0.1, "b", 0.9, "c", 0.5), 2);
        AtomicBoolean preparedBeforeLast = new AtomicBoolean();
        ScriptedBackend backend = new ScriptedBackend(List.of("a", "b", "c"),
                () -> preparedBeforeLast.set(await(adapter.preparedLatch)));

        // when
        HydraResult result = pipeline(backend, adapter, 3).build().personalize(new Query(USER, "q", "chat"));

        // then
        assertTrue(preparedBeforeLast.get(), "samples 0 and 1 were prepared while sample 2 still ran");
        assertEquals(Set.of(0, 1, 2), adapter.prepared, "every candidate prepared once it arrived");
        assertEquals("b", result.answer(), "the pool's best still answers");
    }

    @Test
    void should_prepare_every_candidate_of_a_backend_that_reports_them_only_at_the_end() {
        // given: a backend that keeps LlmBackend's default generate with a callback; the greedy answer joins the pool
        TableAdapter adapter = new TableAdapter(Map.of("greedy", 0.2, "s", 0.3), 3);
        LlmBackend plain = new LlmBackend() {
            @Override
            public Generation generate(Prompt prompt, Sampling sampling) {
                List<Candidate> out = new ArrayList<>();
                for (int i = 0; i < sampling.n(); i++) {
                    out.add(new Candidate(sampling.temperature() == 0 ? "greedy" : "s" + i, i));
                }
                return Generation.of(out, TokenUsage.ZERO);
            }

            @Override
            public String modelId() {
                return "plain";
            }

            @Override
            public String name() {
                return "plain";
            }
        };

        // when
        HydraResult result = pipeline(plain, adapter, 3).greedyInPool(true).build()
                .personalize(new Query(USER, "q", "chat"));

        // then: indices are the pool's (the greedy answer is sample 0, the sampled ones follow)
        assertEquals(Set.of(0, 1, 2), adapter.prepared);
        assertEquals(new TreeSet<>(List.of("greedy", "s0", "s1")), new TreeSet<>(adapter.preparedTexts));
        assertEquals(3, result.answers().size());
    }

    @Test
    void should_run_the_greedy_call_and_the_sampled_call_at_once() {
        // given: each call completes only once the other has started; in sequence the first would wait in vain
        CountDownLatch greedyStarted = new CountDownLatch(1);
        CountDownLatch sampledStarted = new CountDownLatch(1);
        LlmBackend meeting = new LlmBackend() {
            @Override
            public Generation generate(Prompt prompt, Sampling sampling) {
                boolean greedy = sampling.temperature() == 0;
                (greedy ? greedyStarted : sampledStarted).countDown();
                boolean met = await(greedy ? sampledStarted : greedyStarted);
                List<Candidate> out = new ArrayList<>();
                for (int i = 0; i < sampling.n(); i++) {
                    out.add(new Candidate((met ? "met-" : "alone-") + (greedy ? "greedy" : "sampled" + i), i));
                }
                return Generation.of(out, TokenUsage.ZERO);
            }

            @Override
            public String modelId() {
                return "meeting";
            }

            @Override
            public String name() {
                return "meeting";
            }
        };
        TableAdapter adapter = new TableAdapter(Map.of(), 3);

        // when
        HydraResult result = pipeline(meeting, adapter, 3).greedyInPool(true).build()
                .personalize(new Query(USER, "q", "chat"));

        // then
        assertEquals(List.of("met-greedy", "met-sampled0", "met-sampled1"),
                result.answers().stream().map(a -> a.candidate().text()).toList());
    }

    @Test
    void should_answer_with_the_first_sample_that_clears_the_threshold_before_the_last_completes() {
        // given: "good" clears 0.5 alone; "best" would win the pool but comes last, after the early answer
        TableAdapter adapter = new TableAdapter(Map.of("weak", 0.1, "good", 0.6, "best", 0.9), 0);
        CountDownLatch answered = new CountDownLatch(1);
        List<Candidate> early = new CopyOnWriteArrayList<>();
        AtomicBoolean answeredBeforeLast = new AtomicBoolean();
        ScriptedBackend backend = new ScriptedBackend(List.of("weak", "good", "best"),
                () -> answeredBeforeLast.set(await(answered)));

        // when
        HydraResult result = pipeline(backend, adapter, 3).earlyAnswer(0.5, c -> {
            early.add(c);
            answered.countDown();
        }).build().personalize(new Query(USER, "q", "chat"));

        // then
        assertTrue(answeredBeforeLast.get(), "the early answer was handed over while the last sample ran");
        assertEquals(List.of(new Candidate("good", 1)), early, "handed over once");
        assertEquals("good", result.answer(), "the streamed answer is the answer");
        assertEquals(3, result.answers().size(), "every sample is still scored for the evidence");
        assertTrue(result.answers().stream().allMatch(a -> a.score().isPresent()));
    }

    @Test
    void should_answer_with_the_pools_best_when_no_sample_clears_the_threshold() {
        // given
        TableAdapter adapter = new TableAdapter(Map.of("weak", 0.1, "good", 0.6, "best", 0.9), 0);
        List<Candidate> early = new CopyOnWriteArrayList<>();
        ScriptedBackend backend = new ScriptedBackend(List.of("weak", "good", "best"), () -> {});

        // when
        HydraResult result = pipeline(backend, adapter, 3).earlyAnswer(0.95, early::add).build()
                .personalize(new Query(USER, "q", "chat"));

        // then
        assertTrue(early.isEmpty());
        assertEquals("best", result.answer());
    }

    @Test
    void should_ignore_an_adapter_whose_prepare_fails() {
        // given
        TableAdapter adapter = new TableAdapter(Map.of("a", 0.1, "b", 0.9, "c", 0.5), 0);
        adapter.failPrepare = true;
        ScriptedBackend backend = new ScriptedBackend(List.of("a", "b", "c"), () -> {});

        // when
        HydraResult result = pipeline(backend, adapter, 3).build().personalize(new Query(USER, "q", "chat"));

        // then
        assertEquals("b", result.answer());
        assertFalse(result.degraded(), "a failed preparation costs time, not the answer");
    }

    @Test
    void should_refuse_an_early_answer_threshold_that_is_not_a_number() {
        // given
        Hydra.Builder builder = Hydra.builder();
        Function<Double, Hydra.Builder> early = t -> builder.earlyAnswer(t, c -> {});

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> early.apply(Double.NaN));

        // then
        assertTrue(e.getMessage().contains("earlyAnswer threshold is NaN"), e.getMessage());
    }
}

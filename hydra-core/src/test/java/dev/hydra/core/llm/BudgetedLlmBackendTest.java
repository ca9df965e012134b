package dev.hydra.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.CrankyLlmBackend;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetedLlmBackendTest {

    private static final Prompt HI = Prompt.ofUser("hi");

    @TempDir
    Path dir;

    @Test
    void should_refuse_a_request_that_would_exceed_the_calls_without_asking_the_delegate() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(llm, LlmBudget.ofCalls(5));
        budgeted.generate(HI, new Sampling(4, 1.0, 8, 0));
        // when
        LlmBudgetExceededException e = assertThrows(LlmBudgetExceededException.class,
                () -> budgeted.generate(HI, new Sampling(2, 1.0, 8, 0)));
        // then
        assertEquals(4, llm.samples());
        assertEquals(new BudgetedLlmBackend.Spent(4, budgeted.spent().tokens(), 1, 0), budgeted.spent());
        assertTrue(e.getMessage().contains("5 calls") && e.getMessage().contains("1 call(s)"), e.getMessage());
        assertEquals("ok", budgeted.generate(HI, Sampling.greedy(8)).candidates().get(0).text(), "one call still fits");
    }

    @Test
    void should_refuse_a_request_whose_token_ceiling_does_not_fit() {
        // given a ceiling of 16 + 2 + 8 bytes-and-turns and 8 answer tokens: 34 per sample
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(llm, LlmBudget.ofCalls(100).withTokens(60));
        assertEquals(34, budgeted.tokenCeiling(HI, Sampling.greedy(8)));
        // when two samples would need 68
        assertThrows(LlmBudgetExceededException.class, () -> budgeted.generate(HI, new Sampling(2, 1.0, 8, 0)));
        // then nothing was asked, and one sample fits
        assertEquals(0, llm.calls());
        budgeted.generate(HI, Sampling.greedy(8));
        assertEquals(2, budgeted.spent().tokens(), "the reservation is replaced by the reported usage: 1 + 1 words");
    }

    @Test
    void should_count_unreported_tokens_at_their_ceiling() {
        // given a backend that reports no tokens
        LlmBackend silent = backend((p, s) -> Generation.of(List.of(new Candidate("ok", 0)), TokenUsage.ZERO));
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(silent, LlmBudget.ofCalls(10).withTokens(100));
        // when
        budgeted.generate(HI, Sampling.greedy(8));
        budgeted.generate(HI, Sampling.greedy(8));
        // then
        assertEquals(new BudgetedLlmBackend.Spent(2, 68, 0, 2), budgeted.spent());
        assertThrows(LlmBudgetExceededException.class, () -> budgeted.generate(HI, Sampling.greedy(8)));
    }

    @Test
    void should_keep_calls_and_tokens_spent_when_samples_fail() {
        // given every sample failing
        LlmBackend failing = CrankyLlmBackend.wrap(ScriptedLlmBackend.answering("ok")).failureRate(1.0).timeoutRate(0)
                .seed(1).build();
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(failing, LlmBudget.ofCalls(10));
        // when
        assertThrows(LlmException.class, () -> budgeted.generate(HI, new Sampling(3, 1.0, 8, 0)));
        // then
        assertEquals(new BudgetedLlmBackend.Spent(3, 3 * 34, 0, 0), budgeted.spent());
    }

    @Test
    void should_never_exceed_the_budget_with_concurrent_requests() throws Exception {
        // given a slow delegate that counts the samples in flight and in all, 8 threads and a budget of 50 calls
        AtomicLong samples = new AtomicLong();
        CountDownLatch allStarted = new CountDownLatch(8);
        LlmBackend slow = backend((p, s) -> {
            samples.addAndGet(s.n());
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < s.n(); i++) {
                out.add(new Candidate("ok", i));
            }
            return Generation.of(out, new TokenUsage(3L * s.n(), 1L * s.n()));
        });
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(slow, LlmBudget.ofCalls(50).withTokens(1_000));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = 1 + t % 3;
                done.add(pool.submit(() -> {
                    allStarted.countDown();
                    allStarted.await();
                    int refused = 0;
                    for (int r = 0; r < 20; r++) {
                        try {
                            budgeted.generate(HI, new Sampling(n, 1.0, 8, r));
                        } catch (LlmBudgetExceededException e) {
                            refused++;
                        }
                    }
                    return refused;
                }));
            }
            int refused = 0;
            for (Future<Integer> f : done) {
                refused += f.get(30, TimeUnit.SECONDS);
            }
            // then
            BudgetedLlmBackend.Spent spent = budgeted.spent();
            assertTrue(samples.get() <= 50, "the delegate made " + samples.get() + " calls of a budget of 50");
            assertEquals(samples.get(), spent.calls());
            assertTrue(spent.tokens() <= 1_000, spent.toString());
            assertEquals(refused, spent.refusals());
            assertTrue(refused > 0, "8 x 20 requests of 1 to 3 calls cannot fit in 50");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_not_count_answers_from_the_cache_when_put_under_it() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
        LlmResponseCache cache = new LlmResponseCache(dir);
        BudgetedLlmBackend first = new BudgetedLlmBackend(llm, LlmBudget.ofCalls(4));
        new CachingLlmBackend(first, cache).generate(HI, new Sampling(4, 1.0, 8, 0));
        // when a second run with a budget of 1 asks the same
        BudgetedLlmBackend second = new BudgetedLlmBackend(llm, LlmBudget.ofCalls(1));
        Generation g = new CachingLlmBackend(second, cache).generate(HI, new Sampling(4, 1.0, 8, 0));
        // then
        assertEquals(4, g.candidates().size());
        assertEquals(0, second.spent().calls());
        assertEquals(4, llm.samples());
        assertEquals(llm.name(), second.name());
        assertEquals(llm.modelId(), second.modelId());
    }

    private static LlmBackend backend(java.util.function.BiFunction<Prompt, Sampling, Generation> answer) {
        return new LlmBackend() {
            @Override
            public Generation generate(Prompt prompt, Sampling sampling) {
                return answer.apply(prompt, sampling);
            }

            @Override
            public String modelId() {
                return "test";
            }

            @Override
            public String name() {
                return "test";
            }
        };
    }
}

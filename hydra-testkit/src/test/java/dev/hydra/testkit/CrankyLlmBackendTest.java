package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CrankyLlmBackendTest {

    private static final Sampling TEN = new Sampling(10, 1.0, 8, 0);

    private static CrankyLlmBackend cranky(double failureRate, double timeoutRate, long seed) {
        return CrankyLlmBackend.wrap(ScriptedLlmBackend.builder().fallback((p, i) -> "answer " + i).build())
                .failureRate(failureRate)
                .timeoutRate(timeoutRate)
                .seed(seed)
                .build();
    }

    /** The failed samples of each of 50 prompts, as "index:timedOut". */
    private static List<List<String>> failures(CrankyLlmBackend backend) {
        List<List<String>> all = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            all.add(backend.generate(Prompt.ofUser("prompt " + p), TEN).failures().stream()
                    .map(f -> f.sampleIndex() + ":" + f.timedOut())
                    .toList());
        }
        return all;
    }

    @Test
    void should_fail_and_time_out_about_the_configured_fractions() {
        // given
        CrankyLlmBackend backend = cranky(0.2, 0.1, 7);
        int failed = 0;
        int timedOut = 0;
        int produced = 0;
        // when
        for (int p = 0; p < 300; p++) {
            Generation generation = backend.generate(Prompt.ofUser("question " + p), TEN);
            produced += generation.candidates().size();
            for (SampleFailure failure : generation.failures()) {
                if (failure.timedOut()) {
                    timedOut++;
                } else {
                    failed++;
                }
            }
        }
        // then
        assertEquals(3000, produced + failed + timedOut);
        assertTrue(failed > 3000 * 0.17 && failed < 3000 * 0.23, "failed samples: " + failed);
        assertTrue(timedOut > 3000 * 0.07 && timedOut < 3000 * 0.13, "timed-out samples: " + timedOut);
        assertEquals(failed, backend.injectedFailures());
        assertEquals(timedOut, backend.injectedTimeouts());
    }

    @Test
    void should_fail_the_same_samples_for_the_same_seed() {
        assertEquals(failures(cranky(0.3, 0.2, 11)), failures(cranky(0.3, 0.2, 11)));
        assertNotEquals(failures(cranky(0.3, 0.2, 11)), failures(cranky(0.3, 0.2, 12)));
    }

    @Test
    void should_fail_the_same_samples_on_any_thread() {
        CrankyLlmBackend backend = cranky(0.3, 0.2, 5);
        List<List<String>> sequential = failures(backend);
        List<List<List<String>>> concurrent = Concurrently.run(4, thread -> failures(backend));
        concurrent.forEach(result -> assertEquals(sequential, result));
    }

    @Test
    void should_keep_the_delegates_text_and_index_for_surviving_samples() {
        Generation generation = cranky(0.3, 0.2, 3).generate(Prompt.ofUser("q"), TEN);
        assertTrue(!generation.failures().isEmpty(), "seed 3 fails some of ten samples");
        for (Candidate candidate : generation.candidates()) {
            assertEquals("answer " + candidate.sampleIndex(), candidate.text());
        }
    }

    @Test
    void should_throw_llm_exception_with_a_cause_when_every_sample_fails() {
        ScriptedLlmBackend delegate = ScriptedLlmBackend.answering("never");
        CrankyLlmBackend backend = CrankyLlmBackend.wrap(delegate).failureRate(1.0).timeoutRate(0).build();
        LlmException e = assertThrows(LlmException.class, () -> backend.generate(Prompt.ofUser("q"), TEN));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("all 10 samples failed"), e.getMessage());
        assertEquals(0, delegate.calls(), "the delegate is not asked when every sample fails");
    }

    @Test
    void should_time_out_after_the_configured_delay() {
        CrankyLlmBackend backend = CrankyLlmBackend.wrap(ScriptedLlmBackend.answering("x"))
                .failureRate(0).timeoutRate(1.0).timeoutDelay(Duration.ofMillis(40)).build();
        long start = System.nanoTime();
        LlmException e = assertThrows(LlmException.class, () -> backend.generate(Prompt.ofUser("q"), TEN));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(elapsedMillis >= 40, "waited only " + elapsedMillis + " ms");
    }

    @Test
    void should_pass_everything_through_at_rate_zero() {
        CrankyLlmBackend backend = cranky(0, 0, 1);
        Generation generation = backend.generate(Prompt.ofUser("q"), TEN);
        assertEquals(10, generation.candidates().size());
        assertEquals(List.of(), generation.failures());
        assertEquals("scripted-model", backend.modelId());
        assertEquals("cranky", backend.name());
    }

    @Test
    void should_pass_on_the_delegates_own_failures() {
        LlmBackend delegate = new LlmBackend() {
            @Override
            public String name() {
                return "half";
            }

            @Override
            public Generation generate(Prompt prompt, Sampling sampling) {
                return new Generation(List.of(new Candidate("ok", 0)),
                        List.of(new SampleFailure(1, "IOException: reset", false)), TokenUsage.ZERO);
            }

            @Override
            public String modelId() {
                return "half-model";
            }
        };
        Generation generation = CrankyLlmBackend.wrap(delegate).failureRate(0).timeoutRate(0).build()
                .generate(Prompt.ofUser("q"), new Sampling(2, 1.0, 8, 0));
        assertEquals(List.of(new SampleFailure(1, "IOException: reset", false)), generation.failures());
    }

    @Test
    void should_reject_rates_out_of_range() {
        CrankyLlmBackend.Builder builder = CrankyLlmBackend.wrap(ScriptedLlmBackend.answering("x"));
        assertThrows(IllegalArgumentException.class, () -> builder.failureRate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> builder.timeoutRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> builder.failureRate(0.7).timeoutRate(0.7).build());
        assertThrows(IllegalArgumentException.class, () -> builder.timeoutDelay(Duration.ofMinutes(1)));
    }
}

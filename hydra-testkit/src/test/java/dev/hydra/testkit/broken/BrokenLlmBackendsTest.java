package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.LlmBackendCompatibilityKit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The backend kit fails each broken backend on the check that its defect breaks. */
class BrokenLlmBackendsTest {

    @Test
    void should_catch_a_backend_that_numbers_every_sample_zero() {
        assertKitCatches(SameIndexTestCase.class, "should_account_for_every_sample",
                "should_answer_a_multi_turn_prompt",
                "should_serve_concurrent_calls");
    }

    @Test
    void should_catch_a_backend_that_drops_a_sample_silently() {
        assertKitCatches(DropsASampleTestCase.class, "should_account_for_every_sample",
                "should_repeat_greedy_answers", "should_answer_a_multi_turn_prompt", "should_serve_concurrent_calls");
    }

    @Test
    void should_catch_a_backend_whose_greedy_answers_vary() {
        assertKitCatches(VaryingGreedyTestCase.class, "should_repeat_greedy_answers");
    }

    @Test
    void should_catch_a_backend_that_refuses_multi_turn_prompts() {
        assertKitCatches(SingleTurnOnlyTestCase.class, "should_answer_a_multi_turn_prompt");
    }

    @Test
    void should_catch_a_backend_that_fails_under_concurrent_calls() {
        assertKitCatches(NotThreadSafeTestCase.class, "should_serve_concurrent_calls");
    }

    @Test
    void should_catch_a_blank_model_id() {
        assertKitCatches(BlankModelIdTestCase.class, "should_have_a_model_id");
    }

    /** A backend from a function of the prompt and the sampling. */
    static LlmBackend backend(String modelId, BiFunction<Prompt, Sampling, List<Candidate>> answer) {
        return new LlmBackend() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Generation generate(Prompt prompt, Sampling sampling) {
                return Generation.of(answer.apply(prompt, sampling), TokenUsage.ZERO);
            }

            @Override
            public String modelId() {
                return modelId;
            }
        };
    }

    static List<Candidate> samples(int from, int to, String text) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = from; i < to; i++) {
            candidates.add(new Candidate(text, i));
        }
        return candidates;
    }

    @SelfTestOnly
    static class SameIndexTestCase extends LlmBackendCompatibilityKit {
        @Override
        protected LlmBackend backend() {
            return BrokenLlmBackendsTest.backend("m", (prompt, sampling) -> {
                List<Candidate> candidates = new ArrayList<>();
                for (int i = 0; i < sampling.n(); i++) {
                    candidates.add(new Candidate("answer " + i, 0));
                }
                return candidates;
            });
        }
    }

    @SelfTestOnly
    static class DropsASampleTestCase extends LlmBackendCompatibilityKit {
        @Override
        protected LlmBackend backend() {
            return BrokenLlmBackendsTest.backend("m", (prompt, sampling) -> samples(1, sampling.n(), "answer"));
        }
    }

    @SelfTestOnly
    static class VaryingGreedyTestCase extends LlmBackendCompatibilityKit {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        protected LlmBackend backend() {
            return BrokenLlmBackendsTest.backend("m",
                    (prompt, sampling) -> samples(0, sampling.n(), "answer " + calls.incrementAndGet()));
        }
    }

    @SelfTestOnly
    static class SingleTurnOnlyTestCase extends LlmBackendCompatibilityKit {
        @Override
        protected LlmBackend backend() {
            return BrokenLlmBackendsTest.backend("m", (prompt, sampling) -> {
                if (prompt.turns().size() > 1) {
                    throw new IllegalArgumentException("only one turn supported");
                }
                return samples(0, sampling.n(), "answer");
            });
        }
    }

    /** Fails when another call is in flight, as a backend sharing one native context would. */
    @SelfTestOnly
    static class NotThreadSafeTestCase extends LlmBackendCompatibilityKit {
        private final AtomicInteger inFlight = new AtomicInteger();

        @Override
        protected LlmBackend backend() {
            return BrokenLlmBackendsTest.backend("m", (prompt, sampling) -> {
                int others = inFlight.getAndIncrement();
                try {
                    Thread.sleep(100);
                    if (others > 0 || inFlight.get() > 1) {
                        throw new IllegalStateException("context busy");
                    }
                    return samples(0, sampling.n(), "answer");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
    }

    @SelfTestOnly
    static class BlankModelIdTestCase extends LlmBackendCompatibilityKit {
        @Override
        protected LlmBackend backend() {
            return BrokenLlmBackendsTest.backend("", (prompt, sampling) -> samples(0, sampling.n(), "answer"));
        }
    }
}

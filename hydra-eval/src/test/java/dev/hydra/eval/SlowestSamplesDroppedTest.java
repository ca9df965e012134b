package dev.hydra.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.hydra.core.pipeline.SamplePool;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlowestSamplesDroppedTest {

    /** Answers "sample i" for each of the n samples, "greedy" at temperature 0. */
    private static final LlmBackend NUMBERED = new LlmBackend() {
        @Override
        public Generation generate(Prompt prompt, Sampling sampling) {
            List<Candidate> out = new ArrayList<>();
            for (int i = 0; i < sampling.n(); i++) {
                out.add(new Candidate(sampling.temperature() == 0 ? "greedy" : "sample " + i, i));
            }
            return Generation.of(out, TokenUsage.ZERO);
        }

        @Override
        public String modelId() {
            return "numbered";
        }

        @Override
        public String name() {
            return "numbered";
        }
    };

    @Test
    void should_drop_the_drawn_samples_of_a_pool_and_report_them_as_timed_out() {
        // given
        SlowestSamplesDropped backend = new SlowestSamplesDropped(NUMBERED, 8, 2, 42);
        Prompt prompt = Prompt.ofUser("what is this movie's tag?");
        BitSet slow = backend.slowest(prompt);

        // when: the pipeline's pool, the greedy call beside the sampled one
        Generation pool = SamplePool.generate(backend, prompt, new Sampling(8, 1.0, 16, 7), true);

        // then
        assertEquals(2, slow.cardinality());
        assertEquals(6, pool.candidates().size());
        assertEquals(2, pool.failures().size());
        Set<Integer> kept = new HashSet<>(pool.candidates().stream().map(Candidate::sampleIndex).toList());
        Set<Integer> failed = new HashSet<>(pool.failures().stream().map(SampleFailure::sampleIndex).toList());
        IntStream.range(0, 8).forEach(i -> assertEquals(slow.get(i), failed.contains(i), "sample " + i));
        IntStream.range(0, 8).forEach(i -> assertEquals(!slow.get(i), kept.contains(i), "sample " + i));
        assertTrue(pool.failures().stream().allMatch(SampleFailure::timedOut));
    }

    @Test
    void should_draw_the_same_samples_for_the_same_prompt_and_seed_and_others_elsewhere() {
        SlowestSamplesDropped a = new SlowestSamplesDropped(NUMBERED, 8, 1, 42);
        SlowestSamplesDropped b = new SlowestSamplesDropped(NUMBERED, 8, 1, 42);
        Set<Integer> drawn = new HashSet<>();
        for (int q = 0; q < 200; q++) {
            Prompt prompt = Prompt.ofUser("query " + q);
            assertEquals(a.slowest(prompt), b.slowest(prompt));
            drawn.add(a.slowest(prompt).nextSetBit(0));
        }
        // every sample, the greedy one included, is sometimes the slowest
        assertEquals(8, drawn.size());
    }

    @Test
    void should_pass_a_lone_sample_through_and_reject_a_draw_that_leaves_no_pool() {
        SlowestSamplesDropped backend = new SlowestSamplesDropped(NUMBERED, 8, 4, 1);
        assertEquals(1, backend.generate(Prompt.ofUser("q"), new Sampling(1, 1.0, 16, 1)).candidates().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SlowestSamplesDropped(NUMBERED, 8, 8, 1));
        assertTrue(e.getMessage().contains("[1, 7]"), e.getMessage());
    }

    @Test
    void should_fail_the_greedy_call_when_the_greedy_answer_is_among_the_slowest() {
        SlowestSamplesDropped backend = new SlowestSamplesDropped(NUMBERED, 8, 7, 3);
        Prompt prompt = Prompt.ofUser("q");
        if (backend.slowest(prompt).get(0)) {
            assertThrows(LlmException.class, () -> backend.generate(prompt, Sampling.greedy(16)));
        } else {
            assertEquals("greedy", backend.generate(prompt, Sampling.greedy(16)).candidates().get(0).text());
        }
        // with 7 of 8 dropped the pool keeps exactly one answer
        assertEquals(1, SamplePool.generate(backend, prompt, new Sampling(8, 1.0, 16, 7), true).candidates().size());
    }
}

package dev.hydra.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache and the budget hand candidates over as their delegate reports them (issue 21: overlap in the CLI). */
class CandidateForwardingTest {

    private static final Prompt PROMPT = new Prompt(List.of(ChatTurn.user("a question")));

    @TempDir
    Path dir;

    /** A delegate that reports each candidate through the callback, recording which variant was called. */
    private static final class ReportingBackend extends CountingBackendWrapper {
        final List<String> variants = new CopyOnWriteArrayList<>();

        @Override
        public Generation generate(Prompt prompt, Sampling sampling, java.util.function.Consumer<Candidate> on) {
            variants.add("callback");
            Generation g = inner.generate(prompt, sampling);
            g.candidates().forEach(on);
            return g;
        }
    }

    /** The test's base: {@link CountingBackend}'s answers. */
    private static class CountingBackendWrapper implements LlmBackend {
        final CountingBackend inner = new CountingBackend();

        @Override
        public Generation generate(Prompt prompt, Sampling sampling) {
            return inner.generate(prompt, sampling);
        }

        @Override
        public String modelId() {
            return inner.modelId();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    @Test
    void should_hand_cached_samples_over_at_once_and_fresh_ones_with_their_index_in_the_request() {
        // given sample 0 and 1 cached, 2 and 3 not
        ReportingBackend delegate = new ReportingBackend();
        CachingLlmBackend cached = new CachingLlmBackend(delegate, new LlmResponseCache(dir));
        cached.generate(PROMPT, new Sampling(2, 1.0, 8, 5));
        List<Candidate> seen = new CopyOnWriteArrayList<>();
        // when
        Generation g = cached.generate(PROMPT, new Sampling(4, 1.0, 8, 5), seen::add);
        // then every candidate was handed over once, fresh ones through the delegate's callback
        assertEquals(List.of(0, 1, 2, 3), seen.stream().map(Candidate::sampleIndex).sorted().toList());
        assertEquals(g.candidates().stream().map(Candidate::text).sorted().toList(),
                seen.stream().map(Candidate::text).sorted().toList());
        assertEquals(List.of("callback"), delegate.variants);
    }

    @Test
    void should_forward_through_the_budget_and_ignore_what_the_receiver_throws() {
        ReportingBackend delegate = new ReportingBackend();
        BudgetedLlmBackend budgeted = new BudgetedLlmBackend(delegate, LlmBudget.ofCalls(10));
        List<Candidate> seen = new CopyOnWriteArrayList<>();
        Generation g = budgeted.generate(PROMPT, new Sampling(3, 1.0, 8, 0), c -> {
            seen.add(c);
            throw new IllegalStateException("the receiver fails");
        });
        assertEquals(3, g.candidates().size());
        assertEquals(3, seen.size());
        assertEquals(List.of("callback"), delegate.variants);
        assertEquals(3, budgeted.spent().calls());
    }

    @Test
    void should_sample_the_plain_way_when_a_mock_stubs_only_that_one() {
        // given a mock whose callback variant returns null, as Mockito's default answer does
        LlmBackend mock = mock(LlmBackend.class);
        when(mock.generate(any(Prompt.class), any(Sampling.class))).thenReturn(new Generation(
                List.of(new Candidate("a", 0), new Candidate("b", 1)), List.of(), TokenUsage.ZERO));
        List<Candidate> seen = new CopyOnWriteArrayList<>();
        // when
        Generation g = CandidateForwarding.generate(mock, PROMPT, new Sampling(2, 1.0, 8, 0), seen::add);
        // then
        assertEquals(g.candidates(), seen);
    }
}

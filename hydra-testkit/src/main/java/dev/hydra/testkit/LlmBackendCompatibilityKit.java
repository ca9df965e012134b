package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base class for {@link LlmBackend} compatibility tests: every sample accounted for, greedy answers
 * repeatable, multi-turn prompts, concurrent calls, a model id.
 *
 * <p>To run a backend against this kit, make a test class that extends this and implement
 * {@link #backend()}; a backend whose greedy answers vary (a remote model without a seed) returns false from
 * {@link #greedyIsDeterministic()}:
 * <pre>{@code
 * class LlamaCppLlmBackendCompatibilityTest extends LlmBackendCompatibilityKit {
 *     private static final LlmBackend BACKEND = LlamaCppLlmBackend.load(MODEL_FILE);
 *     protected LlmBackend backend() { return BACKEND; }
 * }
 * }</pre>
 * The kit makes about twenty calls of at most {@value #MAX_TOKENS} tokens, with short prompts, and calls
 * {@link #backend()} once per test.
 *
 * @since 0.1
 */
public abstract class LlmBackendCompatibilityKit {

    /** The most new tokens the kit asks for. */
    public static final int MAX_TOKENS = 16;

    private static final Prompt SHORT = Prompt.ofUser("Write a four word headline: tubeless tyres on gravel roads.");

    private LlmBackend backend;

    /** Creates the kit; subclasses need no constructor. */
    protected LlmBackendCompatibilityKit() {}

    /**
     * The backend under test.
     *
     * @return the backend
     */
    protected abstract LlmBackend backend();

    /**
     * Whether the same prompt at temperature 0 gives the same answer.
     *
     * @return true by default
     */
    protected boolean greedyIsDeterministic() {
        return true;
    }

    @BeforeEach
    void createBackend() {
        backend = backend();
        assertNotNull(backend, "backend() returned null");
    }

    private Generation generate(Prompt prompt, Sampling sampling) {
        Generation generation = backend.generate(prompt, sampling);
        assertNotNull(generation, "generate returned null");
        return generation;
    }

    /** Asserts that the candidates and failures together are the samples 0 to n-1, each once. */
    private static void assertCoversSamples(Generation generation, int n) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (Candidate candidate : generation.candidates()) {
            assertTrue(candidate.sampleIndex() < n, () -> "sample index " + candidate.sampleIndex() + " >= n=" + n);
            assertTrue(seen.add(candidate.sampleIndex()), () -> "sample " + candidate.sampleIndex() + " twice");
        }
        for (SampleFailure failure : generation.failures()) {
            assertTrue(failure.sampleIndex() < n, () -> "failed sample index " + failure.sampleIndex() + " >= n");
            assertTrue(seen.add(failure.sampleIndex()),
                    () -> "sample " + failure.sampleIndex() + " both produced and failed, or failed twice");
        }
        assertEquals(n, seen.size(), () -> "samples accounted for (candidates + failures): " + seen + ", n=" + n);
        assertFalse(generation.candidates().isEmpty(), "no candidate, yet no LlmException");
    }

    /** Sampling: n samples, each accounted for. */
    @Nested
    @DisplayName("sampling")
    class SamplingTck {

        @ParameterizedTest(name = "n = {0}")
        @ValueSource(ints = {1, 4})
        @DisplayName("accounts for every one of n samples, with distinct indices in [0, n)")
        void should_account_for_every_sample(int n) {
            Generation generation = generate(SHORT, new Sampling(n, 1.0, MAX_TOKENS, 42));
            assertCoversSamples(generation, n);
        }

        @Test
        @DisplayName("gives the same greedy answer to the same prompt twice")
        void should_repeat_greedy_answers() {
            Assumptions.assumeTrue(greedyIsDeterministic(), "greedy answers of this backend may vary");
            Generation first = generate(SHORT, Sampling.greedy(MAX_TOKENS));
            Generation second = generate(SHORT, Sampling.greedy(MAX_TOKENS));
            assertCoversSamples(first, 1);
            assertCoversSamples(second, 1);
            assertEquals(first.candidates().get(0).text(), second.candidates().get(0).text(),
                    "two greedy answers to the same prompt");
        }

        @Test
        @DisplayName("answers a few-shot prompt of several turns")
        void should_answer_a_multi_turn_prompt() {
            Prompt prompt = new Prompt(List.of(
                    ChatTurn.user("Write a headline: Chain wax lasts longer than wet lube."),
                    ChatTurn.assistant("Waxing your chain"),
                    ChatTurn.user("Write a headline: Disc brakes stop reliably in heavy rain."),
                    ChatTurn.assistant("Disc brakes in the rain"),
                    ChatTurn.user("Write a headline: Tubeless tyres resist punctures on gravel.")));
            assertCoversSamples(generate(prompt, new Sampling(2, 0.7, MAX_TOKENS, 7)), 2);
        }
    }

    /** Thread-safety: concurrent calls all succeed. */
    @Nested
    @DisplayName("thread-safety")
    class ConcurrencyTck {

        @Test
        @DisplayName("serves calls from several threads at once")
        void should_serve_concurrent_calls() {
            List<Generation> generations = Concurrently.run(Concurrently.THREADS, thread -> backend.generate(
                    Prompt.ofUser("Write a headline, variant " + thread + ": raised beds warm early in spring."),
                    new Sampling(2, 1.0, MAX_TOKENS, thread)));
            for (Generation generation : generations) {
                assertNotNull(generation, "generate returned null");
                assertCoversSamples(generation, 2);
            }
        }
    }

    /** Identity: the name and the model id. */
    @Nested
    @DisplayName("identity")
    class IdentityTck {

        @Test
        @DisplayName("has a non-blank model id")
        void should_have_a_model_id() {
            assertNotNull(backend.modelId(), "modelId() returned null");
            assertFalse(backend.modelId().isBlank(), "modelId() is blank");
        }

        @Test
        @DisplayName("has a valid name")
        void should_have_a_valid_name() {
            PluginNames.assertValid(backend);
        }
    }
}

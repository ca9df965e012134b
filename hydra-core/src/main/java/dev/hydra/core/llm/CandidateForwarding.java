package dev.hydra.core.llm;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import java.util.function.Consumer;

/**
 * Calls {@link LlmBackend#generate(Prompt, Sampling, Consumer)} for a caller that wraps a backend, and copes with a
 * backend that answers only {@link LlmBackend#generate(Prompt, Sampling)} (a Mockito mock that stubs just that one
 * returns {@code null} from the other): then it samples that way and hands the candidates over at the end.
 *
 * @since 0.4
 */
public final class CandidateForwarding {

    private CandidateForwarding() {}

    /**
     * Samples, handing each candidate to {@code onCandidate} as soon as the backend reports it.
     *
     * @param backend the black box; never {@code null}
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @param onCandidate receives each candidate; what it throws is ignored here, whatever the backend does with
     *     it; never {@code null}
     * @return the backend's generation, or {@code null} when it returned none either way
     */
    public static Generation generate(LlmBackend backend, Prompt prompt, Sampling sampling,
            Consumer<Candidate> onCandidate) {
        Generation generation = backend.generate(prompt, sampling, c -> handOver(onCandidate, c));
        if (generation != null) {
            return generation;
        }
        generation = backend.generate(prompt, sampling);
        if (generation != null) {
            generation.candidates().forEach(c -> handOver(onCandidate, c));
        }
        return generation;
    }

    /**
     * Hands a candidate over, ignoring what the receiver throws, as {@link LlmBackend}'s contract says.
     *
     * @param onCandidate the receiver
     * @param candidate the candidate
     */
    public static void handOver(Consumer<Candidate> onCandidate, Candidate candidate) {
        try {
            onCandidate.accept(candidate);
        } catch (RuntimeException e) {
            // ignored: the receiver redoes its work when it needs the candidate
        }
    }
}

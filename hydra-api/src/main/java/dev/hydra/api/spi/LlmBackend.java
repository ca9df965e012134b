package dev.hydra.api.spi;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The black-box LLM: a prompt in, sampled answers out. Hydra never touches its weights.
 *
 * <p><b>Contract:</b> {@link #generate} asks for {@code sampling.n()} samples (a backend may issue them
 * concurrently). Samples that fail are reported in {@link Generation#failures()} and the rest are returned;
 * only when no sample succeeds does it throw {@link dev.hydra.api.LlmException}, with the first failure as
 * the cause. At temperature 0 the same prompt should give the same answer. {@link #modelId()} identifies the
 * model for the response cache. <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
@ConsumerType
public interface LlmBackend extends Plugin {

    /**
     * Samples answers to a prompt.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @return the candidates, the failed samples and the token usage
     * @throws dev.hydra.api.LlmException when every sample failed
     */
    Generation generate(Prompt prompt, Sampling sampling);

    /**
     * Samples answers to a prompt as {@link #generate(Prompt, Sampling)} does, and hands each candidate to
     * {@code onCandidate} as soon as its sample completes, so that the caller can start its work on it (e.g.
     * encode it) while the other samples run. {@code onCandidate} is called once per candidate of the returned
     * generation, before this method returns, possibly on the backend's own threads and concurrently; what it
     * throws is ignored. The default samples first, then hands over every candidate: a backend that can report
     * each sample as it completes overrides it.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @param onCandidate receives each candidate as its sample completes; never {@code null}
     * @return the candidates, the failed samples and the token usage
     * @throws dev.hydra.api.LlmException when every sample failed
     * @since 0.3
     */
    default Generation generate(Prompt prompt, Sampling sampling, Consumer<Candidate> onCandidate) {
        Objects.requireNonNull(onCandidate, "onCandidate must not be null");
        Generation generation = generate(prompt, sampling);
        for (Candidate candidate : generation.candidates()) {
            try {
                onCandidate.accept(candidate);
            } catch (RuntimeException e) {
                // ignored, as the contract says: the caller redoes its work
            }
        }
        return generation;
    }

    /**
     * Identifies the model behind this backend (name, and file hash or version where known).
     *
     * @return the model id, e.g. {@code "smollm2-135m-instruct-q4_1"}
     */
    String modelId();
}

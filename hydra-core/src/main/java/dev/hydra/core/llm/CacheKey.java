package dev.hydra.core.llm;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identifies one cached sample: the backend, the model, the prompt, the sampling parameters that shape
 * one answer (temperature, max tokens, seed) and the sample index. The number of samples {@code n} is not part
 * of the key, so a request for 8 samples reuses the 4 an earlier request cached.
 *
 * @param backend the backend's name; never {@code null}
 * @param modelId the backend's model id; never {@code null}
 * @param prompt the prompt; never {@code null}
 * @param temperature the sampling temperature
 * @param maxTokens the most new tokens
 * @param seed the seed of sample 0 of the request
 * @param sampleIndex which sample, from 0
 * @since 0.1
 */
public record CacheKey(
        String backend, String modelId, Prompt prompt, double temperature, int maxTokens, long seed, int sampleIndex) {

    /** Validates the components. */
    public CacheKey {
        Objects.requireNonNull(backend, "backend must not be null");
        Objects.requireNonNull(modelId, "modelId must not be null");
        Objects.requireNonNull(prompt, "prompt must not be null");
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sampleIndex must be >= 0, was " + sampleIndex);
        }
    }

    /**
     * The key of one sample of a request.
     *
     * @param backend the backend's name; never {@code null}
     * @param modelId the model id; never {@code null}
     * @param prompt the prompt; never {@code null}
     * @param sampling the request's sampling; never {@code null}
     * @param sampleIndex the sample, from 0
     * @return the key
     */
    public static CacheKey of(String backend, String modelId, Prompt prompt, Sampling sampling, int sampleIndex) {
        return new CacheKey(backend, modelId, prompt, sampling.temperature(), sampling.maxTokens(), sampling.seed(),
                sampleIndex);
    }

    /**
     * The canonical text of the key: every field length-prefixed, so two different keys never share a text.
     * It is stored in the entry and compared on every read.
     *
     * @return the canonical text
     */
    public String canonical() {
        StringBuilder out = new StringBuilder("hydra-llm-key/1");
        field(out, "backend", backend);
        field(out, "model", modelId);
        field(out, "temperature", Double.toString(temperature));
        field(out, "maxTokens", Integer.toString(maxTokens));
        field(out, "seed", Long.toString(seed));
        field(out, "sample", Integer.toString(sampleIndex));
        for (ChatTurn turn : prompt.turns()) {
            field(out, turn.role().name(), turn.text());
        }
        return out.toString();
    }

    /**
     * The SHA-256 of the canonical text, in lower-case hex: the entry's file name.
     *
     * @return 64 hex digits
     */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append('\n').append(name).append(' ').append(value.length()).append(':').append(value);
    }
}

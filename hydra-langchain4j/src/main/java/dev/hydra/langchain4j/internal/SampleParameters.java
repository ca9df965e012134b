package dev.hydra.langchain4j.internal;

import dev.hydra.api.Sampling;
import dev.hydra.llamacpp.LlamaCppChatRequestParameters;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * The request parameters of one sample. For Hydra's own calls ({@link #of}): temperature and max tokens always, the
 * seed {@code seed + index} where the model takes one (OpenAI-compatible models,
 * {@link LlamaCppChatRequestParameters}). For a decorated request ({@link #ofCaller}): the caller's, with only what
 * choosing among samples needs on top.
 */
public final class SampleParameters {

    private SampleParameters() {}

    /**
     * Builds the parameters of sample {@code index}.
     *
     * @param model the model that will receive them; never {@code null}
     * @param sampling the request's sampling; never {@code null}
     * @param index the sample, from 0
     * @return the parameters
     */
    public static ChatRequestParameters of(ChatModel model, Sampling sampling, int index) {
        int seed = seed(sampling.seed(), index);
        if (model.defaultRequestParameters() instanceof LlamaCppChatRequestParameters) {
            return LlamaCppChatRequestParameters.builder().temperature(sampling.temperature())
                    .maxOutputTokens(sampling.maxTokens()).seed(seed).build();
        }
        if (model.provider() == ModelProvider.OPEN_AI) {
            return OpenAiChatRequestParameters.builder().temperature(sampling.temperature())
                    .maxOutputTokens(sampling.maxTokens()).seed(seed).build();
        }
        return DefaultChatRequestParameters.builder().temperature(sampling.temperature())
                .maxOutputTokens(sampling.maxTokens()).build();
    }

    /**
     * Builds the parameters of sample {@code index} of a decorated request: the caller's parameters (the request's
     * over the model's defaults), of which Hydra changes only what choosing among samples needs, and only when it
     * chooses: the sampling temperature, and the seed {@code base + index} where the model takes one ({@code base}
     * is the caller's seed when it set one, else the sampling's). Everything else (token limit, stop sequences,
     * model name, top-p, provider options) is the caller's.
     *
     * @param model the model that will receive them; never {@code null}
     * @param caller the caller's parameters, already merged with the model's defaults; never {@code null}
     * @param sampling the pipeline's sampling; never {@code null}
     * @param selecting whether the pipeline chooses among several samples; when not, {@code caller} is returned
     * @param index the sample, from 0
     * @return the parameters, of the caller's type or a subtype of it
     */
    public static ChatRequestParameters ofCaller(ChatModel model, ChatRequestParameters caller, Sampling sampling,
            boolean selecting, int index) {
        if (!selecting) {
            return caller;
        }
        Integer callerSeed = caller instanceof OpenAiChatRequestParameters o ? o.seed()
                : caller instanceof LlamaCppChatRequestParameters l ? l.seed() : null;
        int seed = seed(callerSeed != null ? callerSeed : sampling.seed(), index);
        ChatRequestParameters patch;
        if (model.defaultRequestParameters() instanceof LlamaCppChatRequestParameters
                || caller instanceof LlamaCppChatRequestParameters) {
            patch = LlamaCppChatRequestParameters.builder().temperature(sampling.temperature()).seed(seed).build();
        } else if (model.provider() == ModelProvider.OPEN_AI || caller instanceof OpenAiChatRequestParameters) {
            patch = OpenAiChatRequestParameters.builder().temperature(sampling.temperature()).seed(seed).build();
        } else {
            patch = DefaultChatRequestParameters.builder().temperature(sampling.temperature()).build();
        }
        return caller.overrideWith(patch);
    }

    /**
     * The seed of one sample as the int providers take: {@code seed + index}, folded into [0, 2^31).
     *
     * @param seed the seed of sample 0
     * @param index the sample
     * @return a non-negative int
     */
    public static int seed(long seed, int index) {
        return (int) ((seed + index) & 0x7fffffffL);
    }
}

package dev.hydra.langchain4j.internal;

import dev.hydra.api.Sampling;
import dev.hydra.langchain4j.LlamaCppChatRequestParameters;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * The request parameters of one sample: temperature and max tokens always, the seed {@code seed + index} where
 * the model takes one (OpenAI-compatible models, {@link LlamaCppChatRequestParameters}).
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

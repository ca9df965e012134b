package dev.hydra.langchain4j.internal;

import dev.hydra.api.NotPersonalizedReason;
import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Turns what a decorator did into a normal {@link ChatResponse} whose {@link HydraChatResponseMetadata} says whether
 * it personalized, why not, what it cost and the evidence; and says the same in one debug log line.
 */
public final class HydraResponses {

    private HydraResponses() {}

    /**
     * The response of a request the pipeline answered.
     *
     * @param user the user
     * @param result the pipeline's result
     * @param modelVersion the model version whose pipeline answered
     * @param modelName the model's name, may be {@code null}
     * @param showsDemonstrations whether the pipeline puts history items in its prompts (k > 0); when it does and
     *     used none, the answer is reported as not personalized ({@link NotPersonalizedReason#EMPTY_HISTORY})
     * @param finishReasons why the model stopped each sample, by its text; the chosen one's is reported
     * @return an AI message with the chosen answer; token usage summed over the samples
     */
    public static ChatResponse personalized(UserId user, HydraResult result, String modelVersion, String modelName,
            boolean showsDemonstrations, Function<String, FinishReason> finishReasons) {
        TokenUsage usage = new TokenUsage(Math.toIntExact(result.usage().inputTokens()),
                Math.toIntExact(result.usage().outputTokens()));
        NotPersonalizedReason reason = showsDemonstrations && result.usedItems().isEmpty()
                ? NotPersonalizedReason.EMPTY_HISTORY : null;
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(result.answer()))
                .metadata(HydraChatResponseMetadata.builder().userId(user).result(result).notPersonalizedReason(reason)
                        .modelVersion(modelVersion).delegateCalls(result.answers().size() + result.failures().size())
                        .id("hydra-" + UUID.randomUUID()).modelName(modelName).tokenUsage(usage)
                        .finishReason(chosenFinishReason(result, finishReasons)).build())
                .build();
    }

    private static FinishReason chosenFinishReason(HydraResult result, Function<String, FinishReason> finishReasons) {
        return result.answers().stream().filter(ScoredAnswer::chosen).findFirst()
                .map(a -> finishReasons.apply(a.candidate().text())).orElse(FinishReason.STOP);
    }

    /**
     * What a failed request throws: the delegate's {@link UnsupportedFeatureException} itself when a sample failed
     * with one (the request asked for what the model does not do, as LangChain4j's providers report it), else the
     * failure as it is.
     *
     * @param failure the failure of the pipeline
     * @return the exception to throw
     */
    public static RuntimeException surfaced(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedFeatureException unsupported) {
                return unsupported;
            }
        }
        return failure;
    }

    /**
     * The delegate's response to a request it answered alone, its metadata wrapped to say why.
     *
     * @param response the delegate's response
     * @param user the request's user, if any
     * @param reason why the pipeline did not run
     * @return the same message, with {@link HydraChatResponseMetadata} holding the delegate's metadata
     */
    public static ChatResponse passedThrough(ChatResponse response, Optional<UserId> user,
            NotPersonalizedReason reason) {
        ChatResponseMetadata own = response.metadata();
        HydraChatResponseMetadata.Builder metadata = HydraChatResponseMetadata.builder().userId(user.orElse(null))
                .notPersonalizedReason(reason).delegateCalls(1).delegateMetadata(own);
        if (own != null) {
            metadata.id(own.id()).modelName(own.modelName()).tokenUsage(own.tokenUsage())
                    .finishReason(own.finishReason());
        }
        return ChatResponse.builder().aiMessage(response.aiMessage()).metadata(metadata.build()).build();
    }

    /**
     * Logs at debug level, in one line, whether a response was personalized and, if not, why.
     *
     * @param log the decorator's logger
     * @param response a response built by this class
     */
    public static void log(Logger log, ChatResponse response) {
        if (!log.isDebugEnabled() || !(response.metadata() instanceof HydraChatResponseMetadata m)) {
            return;
        }
        String calls = m.delegateCalls() + (m.delegateCalls() == 1 ? " delegate call" : " delegate calls");
        if (m.personalized()) {
            log.debug("personalized: {} history item(s) shown, {}", m.usedItems().size(), calls);
        } else {
            NotPersonalizedReason reason = m.notPersonalizedReason().orElseThrow();
            log.debug("not personalized ({}: {}), {}", reason, reason.description(), calls);
        }
    }
}

package dev.hydra.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's own conformance suite for chat models, run against {@link HydraChatModel} over
 * {@link LlamaCppChatModel} with SmolLM2 as in {@link HydraChatModelIT}, but with a head that chooses among
 * {@value #N} samples ({@link ShortestAnswerHead}): one greedy call and one at the pipeline's temperature, seeded,
 * each with the caller's parameters otherwise. What the delegate supports is declared once, in the suite it extends.
 */
class HydraChatModelWithHeadIT extends HydraChatModelIT {

    /** The samples per request. */
    static final int N = 2;

    @Override
    protected List<ChatModel> models() {
        return List.of(SmolLm2Models.hydraWithHead(smol.shared(), N));
    }

    @Override
    protected ChatModel createModelWith(ChatRequestParameters parameters) {
        return smol.closeLater(SmolLm2Models.hydraWithHead(smol.load(parameters, List.of()), N));
    }

    // what the 135M model cannot answer, one case at a time: the head picks the shorter of the greedy answer and one
    // sampled at temperature 0.7 (seeded), and the sample is the wrong one here

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M's sample at temperature 0.7 answers \"Germany.\", which the shortest-answer head picks")
    protected void should_respect_user_message(ChatModel model) {}

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot translate 'I love you' into German when a system message asks it to: the head"
            + " picks \"Hai jù.\"")
    protected void should_respect_system_message(ChatModel model) {}

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot recall 'green' from an earlier turn behind the history's few-shot turns: the head"
            + " picks \"Je suis un amiade.\"")
    protected void should_respect_multiple_messages(ChatModel model) {}

    /**
     * The decorator's token usage is the sum over its {@value #N} delegate calls (HydraChatModel's javadoc), each
     * within the caller's limit: the suite's check, that one call used exactly the limit, becomes that.
     */
    @Override
    protected void assertOutputTokenCount(TokenUsage tokenUsage, Integer maxOutputTokens) {
        assertThat(tokenUsage.outputTokenCount()).isBetween(1, N * maxOutputTokens);
    }
}

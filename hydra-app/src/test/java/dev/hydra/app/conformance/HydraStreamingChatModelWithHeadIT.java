package dev.hydra.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's own conformance suite for streaming chat models, run against {@link HydraStreamingChatModel} over
 * {@link LlamaCppChatModel} with SmolLM2 (streamed by {@link dev.hydra.llamacpp.LlamaCppStreamingChatModel}), with a
 * head that chooses among {@value #N} collected streams ({@link ShortestAnswerHead}), as
 * {@link HydraChatModelWithHeadIT} does for the chat model: the suite's thread checks and its cancellation case then
 * cover the decorator's path for N &gt; 1 (a worker thread, the chosen answer as one partial response). What the
 * delegate supports is declared once, in the suite it extends.
 */
class HydraStreamingChatModelWithHeadIT extends HydraStreamingChatModelIT {

    /** The samples per request. */
    static final int N = 2;

    @Override
    protected List<StreamingChatModel> models() {
        return List.of(smol.hydraStreamingWithHead(smol.sharedModel(), N, new ShortestAnswerHead(), List.of()));
    }

    @Override
    protected StreamingChatModel createModelWith(ChatRequestParameters parameters) {
        LlamaCppChatModel delegate = smol.load(parameters, List.of());
        return smol.closeLater(smol.hydraStreamingWithHead(delegate, N, new ShortestAnswerHead(), List.of()));
    }

    /**
     * The model of the suite's cases on exceptions thrown by the handler, which ask for Germany's capital: its head
     * picks the greedy sample ({@link GreedyAnswerHead}), "Berlin", where the shortest-answer head picks the sample at
     * temperature 0.7, "Germany." (see {@link #should_respect_user_message}); what those cases check, where the
     * handler's exceptions go, does not depend on the head.
     */
    @Override
    public StreamingChatModel createModelWith(ChatModelListener listener) {
        return smol.closeLater(smol.hydraStreamingWithHead(smol.sharedModel(), N, new GreedyAnswerHead(),
                List.of(listener)));
    }

    // what the 135M model cannot answer, one case at a time, as in HydraChatModelWithHeadIT: the head picks the shorter
    // of the greedy answer and one sampled at temperature 0.7 (seeded), and the sample is the wrong one here

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M's sample at temperature 0.7 answers \"Germany.\", which the shortest-answer head picks")
    protected void should_respect_user_message(StreamingChatModel model) {}

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot translate 'I love you' into German when a system message asks it to: the head"
            + " picks \"Hai jù.\"")
    protected void should_respect_system_message(StreamingChatModel model) {}

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot recall 'green' from an earlier turn behind the history's few-shot turns: the head"
            + " picks \"Je suis un amiade.\"")
    protected void should_respect_multiple_messages(StreamingChatModel model) {}

    /**
     * Off by design, not for want of it: the suite's cancellation case cancels at the 5th partial response, and with
     * N &gt; 1 the chosen answer is complete when chosen and comes as one partial response (the case is package-private
     * in LangChain4j's suite, so it cannot be disabled with a reason). Cancelling with N &gt; 1, the chosen or an early
     * answer, and what it stops, is tested in hydra-langchain4j's {@code HydraStreamingCancellationTest}.
     *
     * @return false
     */
    @Override
    protected boolean supportsStreamingCancellation() {
        return false;
    }

    /**
     * The decorator's token usage is the sum over its {@value #N} delegate calls, each within the caller's limit: the
     * suite's check, that one call used exactly the limit, becomes that.
     */
    @Override
    protected void assertOutputTokenCount(TokenUsage tokenUsage, Integer maxOutputTokens) {
        assertThat(tokenUsage.outputTokenCount()).isBetween(1, N * maxOutputTokens);
    }
}

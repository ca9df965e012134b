package dev.hydra.app.conformance;

import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.hydra.llamacpp.LlamaCppChatRequestParameters;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.common.AbstractStreamingChatModelIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's own conformance suite for streaming chat models, run against {@link HydraStreamingChatModel} over
 * {@link LlamaCppChatModel} with SmolLM2 (streamed by {@link dev.hydra.llamacpp.LlamaCppStreamingChatModel}), every
 * request personalized as in {@link HydraChatModelIT}.
 */
class HydraStreamingChatModelIT extends AbstractStreamingChatModelIT {

    /** The model, loaded once for the suite (and its subclasses). */
    SmolLm2Models smol;

    @BeforeAll
    void load() {
        smol = SmolLm2Models.loadOrSkip();
    }

    @AfterAll
    void close() throws Exception {
        if (smol != null) {
            smol.close();
        }
    }

    @Override
    protected List<StreamingChatModel> models() {
        return List.of(smol.hydraStreaming(smol.sharedModel(), List.of()));
    }

    @Override
    protected StreamingChatModel createModelWith(ChatRequestParameters parameters) {
        return smol.closeLater(smol.hydraStreaming(smol.load(parameters, List.of()), List.of()));
    }

    @Override
    public StreamingChatModel createModelWith(ChatModelListener listener) {
        return smol.closeLater(smol.hydraStreaming(smol.sharedModel(), List.of(listener)));
    }

    @Override
    protected ChatRequestParameters createIntegrationSpecificParameters(int maxOutputTokens) {
        return LlamaCppChatRequestParameters.builder().maxOutputTokens(maxOutputTokens).seed(7).build();
    }

    @Override
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(StreamingChatModel model) {
        return HydraChatResponseMetadata.class;
    }

    // what the 135M model cannot answer once the decorator's few-shot turns from the history precede the question

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot translate 'I love you' into German when a system message asks it to: it answers"
            + " \"I am loving you.\" (greedy, seed 42)")
    protected void should_respect_system_message(StreamingChatModel model) {}

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot recall 'green' from an earlier turn behind the history's few-shot turns: it"
            + " answers \"Je suis un amiade.\" (greedy, seed 42; without the history it answers, see"
            + " LlamaCppChatModelIT)")
    protected void should_respect_multiple_messages(StreamingChatModel model) {}

    // what the delegate, llama.cpp's chat model, supports: text in, text out, one loaded model

    @Override
    protected boolean supportsModelNameParameter() {
        return false; // one loaded model: another model's name is rejected
    }

    @Override
    protected boolean supportsTools() {
        return false;
    }

    @Override
    protected boolean supportsToolChoiceRequired() {
        return false;
    }

    @Override
    protected boolean supportsJsonResponseFormat() {
        return false;
    }

    @Override
    protected boolean supportsJsonResponseFormatWithSchema() {
        return false;
    }

    @Override
    protected boolean supportsJsonResponseFormatWithRawSchema() {
        return false;
    }

    @Override
    protected boolean supportsSingleImageInputAsBase64EncodedString() {
        return false;
    }

    @Override
    protected boolean supportsSingleImageInputAsPublicURL() {
        return false;
    }

    @Override
    protected boolean assertResponseId() {
        return false; // llama.cpp gives an answer no id
    }
}

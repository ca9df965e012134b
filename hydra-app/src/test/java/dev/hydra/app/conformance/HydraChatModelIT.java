package dev.hydra.app.conformance;

import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.hydra.llamacpp.LlamaCppChatRequestParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelIT;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's own conformance suite for chat models, run against {@link HydraChatModel} over
 * {@link LlamaCppChatModel} with SmolLM2: every request is personalized for one user with a small history (the
 * default pipeline: BM25, the chat task, one sample). The decorator supports what its delegate does: requests with
 * tools, JSON or images pass through to it, and its rejection reaches the caller as it is.
 */
class HydraChatModelIT extends AbstractChatModelIT {

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
    protected List<ChatModel> models() {
        return List.of(SmolLm2Models.hydra(smol.shared(), List.of()));
    }

    @Override
    protected ChatModel createModelWith(ChatRequestParameters parameters) {
        return smol.closeLater(SmolLm2Models.hydra(smol.load(parameters, List.of()), List.of()));
    }

    @Override
    protected ChatRequestParameters createIntegrationSpecificParameters(int maxOutputTokens) {
        return LlamaCppChatRequestParameters.builder().maxOutputTokens(maxOutputTokens).seed(7).build();
    }

    // what the 135M model cannot answer once the decorator's few-shot turns from the history precede the question

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot translate 'I love you' into German when a system message asks it to: it answers"
            + " \"I am loving you.\" (greedy, seed 42)")
    protected void should_respect_system_message(ChatModel model) {}

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot recall 'green' from an earlier turn behind the history's few-shot turns: it"
            + " answers \"Je suis un amiade.\" (greedy, seed 42; without the history it answers, see"
            + " LlamaCppChatModelIT)")
    protected void should_respect_multiple_messages(ChatModel model) {}

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
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(ChatModel model) {
        return HydraChatResponseMetadata.class;
    }

    @Override
    protected boolean assertResponseId() {
        return false; // llama.cpp gives an answer no id
    }
}

package dev.hydra.app.conformance;

import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.hydra.llamacpp.LlamaCppChatRequestParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelIT;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's own conformance suite for chat models, run against {@link LlamaCppChatModel} with SmolLM2. What it
 * supports is declared below; the suite then checks that the rest fails with {@code UnsupportedFeatureException}.
 */
class LlamaCppChatModelIT extends AbstractChatModelIT {

    private SmolLm2Models smol;

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
        return List.of(smol.shared());
    }

    @Override
    protected ChatModel createModelWith(ChatRequestParameters parameters) {
        return smol.load(parameters, List.of());
    }

    @Override
    protected ChatRequestParameters createIntegrationSpecificParameters(int maxOutputTokens) {
        return LlamaCppChatRequestParameters.builder().maxOutputTokens(maxOutputTokens).seed(7).build();
    }

    // what the 135M model cannot answer, one case at a time

    @Override
    @ParameterizedTest
    @MethodSource("models")
    @Disabled("SmolLM2-135M cannot translate 'I love you' into German when a system message asks it to: it answers"
            + " \"Ich habe die Frage 'I love you' in German.\" (greedy, seed 42)")
    protected void should_respect_system_message(ChatModel model) {}

    // what llama.cpp's chat model supports: text in, text out, one loaded model

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

package dev.hydra.app.conformance;

import dev.hydra.api.LlmException;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.common.AbstractStreamingChatModelListenerIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * LangChain4j's own conformance suite for streaming chat model listeners, run against
 * {@link HydraStreamingChatModel} over {@link LlamaCppChatModel} (streamed) with SmolLM2, personalized as in
 * {@link HydraChatModelIT}: the decorator's listeners see one request and one response per call, or the error when
 * its delegate fails (here a closed model).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HydraStreamingChatModelListenerIT extends AbstractStreamingChatModelListenerIT {

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
    protected StreamingChatModel createModel(ChatModelListener listener) {
        return smol.closeLater(smol.hydraStreaming(smol.load(defaults(), List.of()), List.of(listener)));
    }

    /** The model name, temperature, top-p and token limit the suite expects its listener to see. */
    private ChatRequestParameters defaults() {
        return ChatRequestParameters.builder().modelName(modelName()).temperature(temperature()).topP(topP())
                .maxOutputTokens(maxTokens()).build();
    }

    @Override
    protected String modelName() {
        return SmolLm2Models.MODEL_NAME;
    }

    @Override
    protected StreamingChatModel createFailingModel(ChatModelListener listener) {
        return smol.closeLater(smol.hydraStreaming(smol.closed(List.of()), List.of(listener)));
    }

    @Override
    protected Class<? extends Exception> expectedExceptionClass() {
        return LlmException.class; // every sample failed: the delegate is closed
    }

    @Override
    protected boolean supportsTools() {
        return false;
    }

    @Override
    protected boolean assertResponseId() {
        return false; // llama.cpp gives an answer no id
    }
}

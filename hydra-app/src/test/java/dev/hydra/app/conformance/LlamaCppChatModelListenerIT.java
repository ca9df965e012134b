package dev.hydra.app.conformance;

import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelListenerIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * LangChain4j's own conformance suite for chat model listeners, run against {@link LlamaCppChatModel} with SmolLM2:
 * its listeners see one request and one response, or the error of a closed model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlamaCppChatModelListenerIT extends AbstractChatModelListenerIT {

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
    protected ChatModel createModel(ChatModelListener listener) {
        return smol.load(defaults(), List.of(listener));
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
    protected ChatModel createFailingModel(ChatModelListener listener) {
        return smol.closed(List.of(listener));
    }

    @Override
    protected Class<? extends Exception> expectedExceptionClass() {
        return IllegalStateException.class; // a closed model says so
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

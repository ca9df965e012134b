package dev.hydra.llamacpp.internal;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.util.List;
import java.util.Locale;

/**
 * Rejects what llama.cpp's chat model does not do the way LangChain4j's providers do: with an
 * {@link UnsupportedFeatureException} whose message names the feature and says it is not supported (tools, a tool
 * choice other than {@code AUTO}, JSON response formats, non-text content, and a model name other than the loaded
 * model's).
 */
public final class UnsupportedFeatures {

    private static final String NOT_SUPPORTED = " is not supported by llama.cpp's chat model (hydra-llamacpp)";

    private UnsupportedFeatures() {}

    /**
     * Checks a request's parameters.
     *
     * @param parameters the parameters; never {@code null}
     * @param modelName the name of the loaded model, the only one a request may name
     * @throws UnsupportedFeatureException naming the first unsupported feature
     */
    public static void checkParameters(ChatRequestParameters parameters, String modelName) {
        ToolChoice choice = parameters.toolChoice();
        if (choice != null && choice != ToolChoice.AUTO) {
            throw new UnsupportedFeatureException("ToolChoice." + choice + NOT_SUPPORTED + ": it has no tools");
        }
        if (parameters.toolSpecifications() != null && !parameters.toolSpecifications().isEmpty()) {
            throw new UnsupportedFeatureException("tools" + NOT_SUPPORTED + ": remove the tool specifications");
        }
        ResponseFormat format = parameters.responseFormat();
        if (format != null && format.type() == ResponseFormatType.JSON) {
            throw new UnsupportedFeatureException("JSON response format" + NOT_SUPPORTED
                    + ": ask for JSON in the prompt, or use the default text format");
        }
        if (parameters.modelName() != null && !parameters.modelName().equals(modelName)) {
            throw new UnsupportedFeatureException("modelName '" + parameters.modelName() + "'" + NOT_SUPPORTED
                    + ": it serves only the loaded model '" + modelName + "' (name it with builder().modelName(...))");
        }
    }

    /**
     * Checks that every user message is text only.
     *
     * @param messages the request's messages; never {@code null}
     * @throws UnsupportedFeatureException naming the first content type that is not text
     */
    public static void checkMessages(List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage user) {
                for (Content content : user.contents()) {
                    if (content.type() != ContentType.TEXT) {
                        throw new UnsupportedFeatureException("content of type "
                                + content.type().name().toLowerCase(Locale.ROOT) + NOT_SUPPORTED
                                + ": send text only");
                    }
                }
            }
        }
    }
}

package dev.hydra.it.osgi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;

/**
 * Calls into the embedded and wrapped libraries through the bundles that carry them: DJL inside hydra-heads
 * (through its thread-context-class-loader door, {@code dev.hydra.heads.internal.Djl}), and LangChain4j from the
 * shared {@code dev.langchain4j.core} bundle as hydra-langchain4j sees it.
 */
final class LibraryProbes {

    private LibraryProbes() {}

    /**
     * Sums [1, 2, 3] on DJL's PyTorch engine inside the hydra-heads bundle.
     *
     * @param heads the hydra-heads bundle
     * @return e.g. {@code "PyTorch 2.7.1 sum=6.0"}
     * @throws Exception when DJL cannot be reached or fails
     */
    static String djl(Bundle heads) throws Exception {
        Class<?> djl = heads.loadClass("dev.hydra.heads.internal.Djl");
        Class<?> ndManager = heads.loadClass("ai.djl.ndarray.NDManager");
        Class<?> ndArray = heads.loadClass("ai.djl.ndarray.NDArray");
        Class<?> engineType = heads.loadClass("ai.djl.engine.Engine");
        Supplier<Object> work = () -> {
            try {
                Object manager = djl.getMethod("newManager").invoke(null);
                try {
                    Object a = ndManager.getMethod("create", float[].class).invoke(manager,
                            (Object) new float[] {1, 2, 3});
                    Object sum = ndArray.getMethod("sum").invoke(a);
                    float[] value = (float[]) ndArray.getMethod("toFloatArray").invoke(sum);
                    Object engine = ndManager.getMethod("getEngine").invoke(manager);
                    return engineType.getMethod("getEngineName").invoke(engine) + " "
                            + engineType.getMethod("getVersion").invoke(engine) + " sum=" + value[0];
                } finally {
                    ndManager.getMethod("close").invoke(manager);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
            }
        };
        return (String) djl.getMethod("call", Supplier.class).invoke(null, work);
    }

    /**
     * Builds a {@code LangChain4jLlmBackend} (hydra-langchain4j) over a LangChain4j {@code ChatModel} that
     * answers every request with a fixed text: LangChain4j's own {@code ChatModel.chat} template runs, inside
     * the framework, around it.
     *
     * @param hydraLangchain4j the hydra-langchain4j bundle
     * @param name the backend's plugin name
     * @param answer what the chat model answers
     * @return the backend object (an {@code LlmBackend} of the framework's class space)
     * @throws Exception when LangChain4j's classes cannot be reached
     */
    static Object langchain4jBackend(Bundle hydraLangchain4j, String name, String answer) throws Exception {
        Class<?> chatModel = hydraLangchain4j.loadClass("dev.langchain4j.model.chat.ChatModel");
        Class<?> aiMessage = hydraLangchain4j.loadClass("dev.langchain4j.data.message.AiMessage");
        Class<?> chatResponse = hydraLangchain4j.loadClass("dev.langchain4j.model.chat.response.ChatResponse");
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "doChat" :
                    Object builder = chatResponse.getMethod("builder").invoke(null);
                    Object message = aiMessage.getMethod("from", String.class).invoke(null, answer);
                    builder.getClass().getMethod("aiMessage", aiMessage).invoke(builder, message);
                    return builder.getClass().getMethod("build").invoke(builder);
                case "toString" :
                    return "probe ChatModel";
                case "hashCode" :
                    return System.identityHashCode(proxy);
                case "equals" :
                    return proxy == args[0];
                default :
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
            }
        };
        Object model = Proxy.newProxyInstance(chatModel.getClassLoader(), new Class<?>[] {chatModel}, handler);
        Class<?> backend = hydraLangchain4j.loadClass("dev.hydra.langchain4j.LangChain4jLlmBackend");
        Object b = backend.getMethod("builder").invoke(null);
        Class<?> builderType = b.getClass();
        builderType.getMethod("chatModel", chatModel).invoke(b, model);
        builderType.getMethod("name", String.class).invoke(b, name);
        builderType.getMethod("modelId", String.class).invoke(b, "probe-chat-model");
        return builderType.getMethod("build").invoke(b);
    }
}

/**
 * A local GGUF model on llama.cpp as a LangChain4j {@code ChatModel} ({@link dev.hydra.llamacpp.LlamaCppChatModel}),
 * the download of the default model, SmolLM2 ({@link dev.hydra.llamacpp.LocalModels}), and the LLM specs that open
 * it, any GGUF file or an OpenAI-compatible server as an {@code LlmBackend} ({@link dev.hydra.llamacpp.LlmSpec}).
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.hydra.llamacpp;

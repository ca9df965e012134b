/**
 * Hydra for LangChain4j: the personalizing {@code ChatModel} decorator, bridges between LangChain4j and
 * Hydra's SPI (a local model is hydra-llamacpp's, the default encoder hydra-minilm's).
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.1")
package dev.hydra.langchain4j;

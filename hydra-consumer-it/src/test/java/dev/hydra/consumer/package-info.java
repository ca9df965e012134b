/**
 * The consumer-project check: {@code src/it/readme-consumer} is a separate Maven project that adopts Hydra as the
 * README's "Use with LangChain4j" says (the BOM, {@code hydra-langchain4j}, {@code hydra-retrievers}, the README's
 * code); the invoker builds it against this build's modules, {@link dev.hydra.consumer.ConsumerProjectIT} checks what
 * it resolved and runs it, {@link dev.hydra.consumer.ReadmeSnippetTest} keeps the README and the project the same.
 *
 * <p>Test code only; nothing here is published.
 *
 * @since 0.1
 */
package dev.hydra.consumer;

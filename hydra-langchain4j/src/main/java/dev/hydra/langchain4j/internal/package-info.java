/**
 * Internals of Hydra's LangChain4j module: request and response conversion, sampling parameters, default retrievers.
 * Not an API; never exported.
 *
 * @since 0.1
 */
package dev.hydra.langchain4j.internal;

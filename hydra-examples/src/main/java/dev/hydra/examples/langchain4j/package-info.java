/**
 * An existing LangChain4j application personalized with Hydra: {@link dev.hydra.examples.langchain4j.TitleAssistant}
 * is the app's AI service, {@link dev.hydra.examples.langchain4j.PersonalizedTitles} builds it over a
 * {@link dev.hydra.langchain4j.HydraChatModel} in a few lines.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.examples.langchain4j;

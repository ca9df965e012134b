/**
 * A Spring Boot application with a plain LangChain4j {@code ChatModel} bean that {@code hydra-spring-boot-starter}
 * personalizes when {@code hydra.enabled=true}: {@link dev.hydra.examples.spring.TitleService} asks it on behalf of
 * a user and gets an answer shaped by that user's history.
 */
package dev.hydra.examples.spring;

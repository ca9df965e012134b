/**
 * Spring Boot auto-configuration of Hydra: with {@code hydra.enabled=true} the application's LangChain4j
 * {@code ChatModel} and {@code StreamingChatModel} beans are wrapped by Hydra's decorators, set by the
 * {@link dev.hydra.spring.HydraProperties hydra.*} properties; a {@link dev.hydra.spring.HydraUserIdResolver} bean
 * names the user of calls that carry none.
 *
 * @since 0.1
 */
package dev.hydra.spring;

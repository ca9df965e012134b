package dev.hydra.examples.spring;

import dev.langchain4j.model.chat.ChatModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with a plain LangChain4j {@link ChatModel} bean; with the starter on the class path
 * and {@code hydra.enabled=true} that bean is Hydra's decorator.
 */
@SpringBootApplication
public class SampleApplication {

    /** @return the application's model: a scripted one here, any LangChain4j ChatModel in a real application */
    @Bean
    public ChatModel chatModel() {
        return new ScriptedChatModel();
    }

    /** @param args the command line */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}

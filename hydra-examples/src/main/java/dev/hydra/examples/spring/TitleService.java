package dev.hydra.examples.spring;

import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.springframework.stereotype.Service;

/** The sample's service: it asks the application's {@link ChatModel} bean for a title on behalf of a user. */
@Service
public class TitleService {

    private final ChatModel model;

    /** @param model the application's chat model, personalized by the starter */
    public TitleService(ChatModel model) {
        this.model = model;
    }

    /**
     * @param user the user
     * @param request what the user asks
     * @return the model's answer
     */
    public String title(String user, String request) {
        ChatRequest chat = ChatRequest.builder().messages(UserMessage.from(request))
                .parameters(HydraChatRequestParameters.builder().userId(user).build()).build();
        return model.chat(chat).aiMessage().text();
    }
}

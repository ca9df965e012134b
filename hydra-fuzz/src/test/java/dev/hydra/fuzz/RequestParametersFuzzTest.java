package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hydra.api.UserId;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Optional;

/**
 * The decorator's request parameters: a caller's parameters with an application's user id. Any id and values
 * are accepted or rejected clearly; an accepted id is the id's normal form, it survives merging with a caller's
 * plain parameters either way, and the caller's values pass through unchanged.
 */
class RequestParametersFuzzTest {

    /**
     * One input: the caller's model name, temperature and token limit, and the user id.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String model = data.consumeString(40);
        double temperature = data.consumeDouble();
        int maxTokens = data.consumeInt();
        String id = data.consumeRemainingAsString();
        ChatRequestParameters caller;
        HydraChatRequestParameters hydra;
        try {
            caller = DefaultChatRequestParameters.builder().modelName(model).temperature(temperature)
                    .maxOutputTokens(maxTokens).build();
            hydra = HydraChatRequestParameters.of(caller, id);
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return;
        }
        Optional<UserId> user = Optional.of(UserId.of(id));
        WrongAccept.unlessEqual("the user id", user, hydra.userId());
        WrongAccept.unlessEqual("the caller's model name", caller.modelName(), hydra.modelName());
        WrongAccept.unlessEqual("the caller's temperature", caller.temperature(), hydra.temperature());
        WrongAccept.unlessEqual("the caller's token limit", caller.maxOutputTokens(), hydra.maxOutputTokens());
        WrongAccept.unlessEqual("the id after overrideWith(plain)", user,
                ((HydraChatRequestParameters) hydra.overrideWith(caller)).userId());
        WrongAccept.unlessEqual("the id after defaultedBy(plain)", user,
                ((HydraChatRequestParameters) hydra.defaultedBy(caller)).userId());
        WrongAccept.unlessEqual("the parameters rebuilt from their id", hydra,
                HydraChatRequestParameters.of(hydra, hydra.userId().orElseThrow().value()));
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}

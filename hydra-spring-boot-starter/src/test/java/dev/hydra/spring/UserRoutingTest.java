package dev.hydra.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.spring.internal.UserIdResolvingStreamingChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * How the starter finds a call's user: AI services' {@code @MemoryId} (on by default), a resolver bean for streaming
 * calls too.
 */
class UserRoutingTest {

    @TempDir
    Path folder;

    /** An AI service whose memory id is the user. */
    interface Assistant {
        String title(@MemoryId String user, @UserMessage String message);
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HydraAutoConfiguration.class))
                .withBean("chatModel", ChatModel.class, ScriptedChatModel::new)
                .withPropertyValues("hydra.enabled=true", "hydra.store=" + folder.resolve("history"));
    }

    private static void histories(HistoryStore store) {
        store.add(HistoryItem.of("a1", UserId.of("alice"), "Title for my post on bike tyres", "On Tyres"));
        store.add(HistoryItem.of("j1", UserId.of("jose"), "Title for my post on bike tyres", "Tyre-rific!"));
    }

    private static Assistant assistant(ChatModel model, RetrievalAugmentor augmentor) {
        return AiServices.builder(Assistant.class).chatModel(model).retrievalAugmentor(augmentor)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10)).build();
    }

    @Test
    void theMemoryIdOfAnAiServiceNamesTheUserByDefault() {
        runner().run(context -> {
            histories(context.getBean(HistoryStore.class));
            Assistant assistant = assistant(context.getBean(ChatModel.class),
                    context.getBean(RetrievalAugmentor.class));

            assertThat(assistant.title("alice", "Title for my post on bike brakes")).isEqualTo("On Tyres");
            assertThat(assistant.title("jose", "Title for my post on bike brakes")).isEqualTo("Tyre-rific!");
        });
    }

    @Test
    void aMemoryIdThatIsNoUserIdFailsTheCallNamingTheRuleAndTheSwitch() {
        runner().run(context -> {
            Assistant assistant = assistant(context.getBean(ChatModel.class),
                    context.getBean(RetrievalAugmentor.class));

            assertThatThrownBy(() -> assistant.title(" ", "Title for my post on bike brakes"))
                    .hasMessageContaining("the user id of a @MemoryId")
                    .hasMessageContaining("hydra.memory-id-routing=false");
        });
    }

    @Test
    void routingIsOffWhenSwitchedOffOrTheApplicationHasItsOwnAugmentor() {
        runner().withPropertyValues("hydra.memory-id-routing=false")
                .run(context -> assertThat(context).doesNotHaveBean(RetrievalAugmentor.class));
        RetrievalAugmentor own = request -> null;
        runner().withBean(RetrievalAugmentor.class, () -> own)
                .run(context -> assertThat(context.getBean(RetrievalAugmentor.class)).isSameAs(own));
    }

    @Test
    void aResolverNamesTheUserOfStreamingCallsToo() throws Exception {
        runner().withBean(StreamingChatModel.class, ScriptedStreamingChatModel::new)
                .withBean(HydraUserIdResolver.class, () -> () -> Optional.of("jose")).run(context -> {
                    histories(context.getBean(HistoryStore.class));
                    StreamingChatModel model = context.getBean(StreamingChatModel.class);
                    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

                    model.chat("Title for my post on bike brakes", new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String partialResponse) {}

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                            done.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                        }
                    });

                    assertThat(model).isInstanceOf(UserIdResolvingStreamingChatModel.class);
                    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Tyre-rific!");
                });
    }

    /** Streams what {@link ScriptedChatModel} answers, in one piece. */
    static final class ScriptedStreamingChatModel implements StreamingChatModel {
        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            String shown = request.messages().stream().filter(AiMessage.class::isInstance)
                    .map(m -> ((AiMessage) m).text()).collect(Collectors.joining(" | "));
            String answer = shown.isEmpty() ? "plain" : shown;
            handler.onPartialResponse(answer);
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build());
        }
    }
}

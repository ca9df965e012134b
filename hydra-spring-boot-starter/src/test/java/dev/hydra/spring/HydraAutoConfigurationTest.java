package dev.hydra.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.spring.internal.UserIdResolvingChatModel;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** When the starter wraps the beans, when it leaves them, and how a bad property fails startup. */
class HydraAutoConfigurationTest {

    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HydraAutoConfiguration.class))
                .withBean("chatModel", ChatModel.class, ScriptedChatModel::new)
                .withPropertyValues("hydra.store=" + folder.resolve("history"));
    }

    @Test
    void absentOrFalseLeavesTheBeanUnwrapped() {
        runner().run(context -> assertThat(context.getBean(ChatModel.class)).isInstanceOf(ScriptedChatModel.class));
        runner().withPropertyValues("hydra.enabled=false")
                .run(context -> assertThat(context.getBean(ChatModel.class)).isInstanceOf(ScriptedChatModel.class));
    }

    @Test
    void aDecoratorIsNeverWrappedTwice() {
        runner().withPropertyValues("hydra.enabled=true")
                .withBean("already", ChatModel.class,
                        () -> HydraChatModel.builder().delegate(new ScriptedChatModel())
                                .historyStore(new InMemoryHistoryStore()).build())
                .run(context -> {
                    HydraChatModel already = context.getBean("already", HydraChatModel.class);
                    assertThat(already.hydra().config().m()).isEqualTo(10);
                    assertThat(context.getBean("chatModel")).isInstanceOf(HydraChatModel.class);
                });
    }

    @Test
    void theStreamingBeanIsWrappedToo() {
        StreamingChatModel plain = mock(StreamingChatModel.class);
        runner().withPropertyValues("hydra.enabled=true").withBean(StreamingChatModel.class, () -> plain)
                .run(context -> assertThat(context.getBean(StreamingChatModel.class))
                        .isInstanceOf(HydraStreamingChatModel.class));
    }

    @Test
    void aResolverBeanNamesTheUserOfCallsWithoutOne() {
        runner().withPropertyValues("hydra.enabled=true")
                .withBean(HydraUserIdResolver.class, () -> () -> Optional.of("jose")).run(context -> {
                    ChatModel model = context.getBean(ChatModel.class);
                    context.getBean(HistoryStore.class).add(
                            HistoryItem.of("1", UserId.of("jose"), "Title for my post on bike tyres", "Tyre-rific!"));

                    String answer = model.chat("Title for my post on bike brakes");

                    assertThat(model).isInstanceOf(UserIdResolvingChatModel.class);
                    assertThat(answer).isEqualTo("Tyre-rific!");
                });
    }

    @Test
    void aBadPropertyFailsStartupNamingItAndTheFix() {
        runner().withPropertyValues("hydra.enabled=true", "hydra.m=3", "hydra.k=7").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("hydra.k")
                    .hasMessageContaining("set hydra.k=3");
        });
        runner().withPropertyValues("hydra.enabled=true", "hydra.n=0").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("hydra.n").hasMessageContaining("set hydra.n=8"));
    }

    @Test
    void theHeaderNamesTheUserOfTheCurrentRequest() {
        runner().withPropertyValues("hydra.enabled=true", "hydra.user-id-header=X-User-Id").run(context -> {
            ChatModel model = context.getBean(ChatModel.class);
            context.getBean(HistoryStore.class)
                    .add(HistoryItem.of("1", UserId.of("alice"), "Title for my post on bike tyres", "On Tyres"));
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.addHeader("X-User-Id", "alice");
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
            try {
                assertThat(model.chat("Title for my post on bike brakes")).isEqualTo("On Tyres");
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
            assertThat(model.chat("Title for my post on bike brakes")).isEqualTo("plain");
        });
        runner().withPropertyValues("hydra.enabled=true", "hydra.user-id-header= ").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("hydra.user-id-header"));
    }
}

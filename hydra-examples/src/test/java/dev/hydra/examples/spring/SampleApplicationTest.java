package dev.hydra.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.micrometer.HydraMetrics;
import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application started with {@code hydra.enabled=true}: two users answered from their own histories. */
@SpringBootTest(classes = SampleApplication.class, properties = {"hydra.enabled=true", "hydra.m=5", "hydra.k=2"})
class SampleApplicationTest {

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("hydra.store", () -> folder.resolve("history").toString());
    }

    @Autowired
    ChatModel model;

    @Autowired
    HistoryStore store;

    @Autowired
    TitleService titles;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthIndicator hydraHealthIndicator;

    @Test
    void twoUsersAreAnsweredFromTheirOwnHistories() {
        store.add(HistoryItem.of("1", UserId.of("jose"), "Title for my post on bike tyres", "Tyre-rific!"));
        store.add(HistoryItem.of("2", UserId.of("alice"), "Title for my post on bike tyres", "On Tyres"));

        String jose = titles.title("jose", "Title for my post on bike brakes");
        String alice = titles.title("alice", "Title for my post on bike brakes");

        assertThat(model).isInstanceOf(HydraChatModel.class);
        assertThat(jose).contains("Tyre-rific!").doesNotContain("On Tyres");
        assertThat(alice).contains("On Tyres").doesNotContain("Tyre-rific!");
        assertThat(((HydraChatModel) model).hydra().config().m()).isEqualTo(5);
        assertThat(((HydraChatModel) model).hydra().config().k()).isEqualTo(2);
        assertThat(meters.find(HydraMetrics.STAGE).timers()).isNotEmpty();
        assertThat(hydraHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
    }
}

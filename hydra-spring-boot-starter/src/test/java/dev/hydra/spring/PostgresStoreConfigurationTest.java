package dev.hydra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.postgres.PostgresHistoryStore;
import dev.hydra.postgres.TemporaryPostgres;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hydra.store=jdbc:postgresql://...}: the users' histories in PostgreSQL (a throwaway server; skipped without
 * PostgreSQL's binaries, required by CI), and a JDBC URL of another database refused at startup.
 */
class PostgresStoreConfigurationTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static ApplicationContextRunner runner(String store) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HydraAutoConfiguration.class))
                .withBean("chatModel", ChatModel.class, ScriptedChatModel::new)
                .withPropertyValues("hydra.enabled=true", "hydra.store=" + store);
    }

    @Test
    void aPostgresUrlKeepsTheHistoriesInTheDatabase() {
        runner(POSTGRES.jdbcUrl()).withBean(HydraUserIdResolver.class, () -> () -> Optional.of("jose"))
                .run(context -> {
                    HistoryStore store = context.getBean(HistoryStore.class);
                    store.add(HistoryItem.of("j1", UserId.of("jose"), "Title for my post on bike tyres",
                            "Tyre-rific!"));

                    assertThat(store).isInstanceOf(PostgresHistoryStore.class);
                    assertThat(context.getBean(ChatModel.class).chat("Title for my post on bike brakes"))
                            .isEqualTo("Tyre-rific!");
                });
        // a second application over the same database sees the history the first one wrote
        runner(POSTGRES.jdbcUrl()).run(context -> assertThat(
                context.getBean(HistoryStore.class).list(UserId.of("jose"))).extracting(HistoryItem::id)
                .contains("j1"));
    }

    @Test
    void aUrlOfAnotherDatabaseFailsStartupNamingThePropertyNotTheUrl() {
        runner("jdbc:mysql://db.example/app?password=secret").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("hydra.store is a JDBC URL of a database Hydra cannot keep")
                .hasMessageNotContaining("secret"));
    }
}

package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.Role;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.core.erasure.UserErasure;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHeadStore;
import dev.hydra.postgres.TemporaryPostgres;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace whose store spec is a JDBC URL keeps users' state in PostgreSQL: ingest, train, fit and chat
 * (the training family), and forget, reach the database; a second instance with another home sees it all.
 */
class PostgresWorkspaceTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    @TempDir
    Path home;

    @TempDir
    Path otherHome;

    /** Answers with the first demonstration's answer, or "comedy" without demonstrations. */
    private static String copyFirstDemonstration(Prompt p, int sample) {
        List<dev.hydra.api.ChatTurn> turns = p.turns();
        return turns.size() > 1 && turns.get(1).role() == Role.ASSISTANT ? turns.get(1).text() : "comedy";
    }

    /** A database of this test's own, so tests share the server, not rows. */
    private String url;

    @BeforeEach
    void createDatabase(TestInfo test) throws SQLException {
        String name = "ws_" + test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        name = name.substring(0, Math.min(name.length(), 60));
        try (Connection c = java.sql.DriverManager.getConnection(POSTGRES.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        }
        url = POSTGRES.jdbcUrl().replace("/postgres?", "/" + name + "?");
    }

    private Optional<StoreSpec> database() {
        return Optional.of(StoreSpec.parse(url));
    }

    private static void ingest(Workspace ws, String... users) {
        String[] tags = {"sci-fi", "comedy", "romance", "horror"};
        String[] plots = {"robots on a spaceship", "a wedding goes wrong", "two strangers fall in love",
                "a haunted house at night"};
        for (String name : users) {
            UserId user = UserId.of(name);
            for (int i = 0; i < 6; i++) {
                int t = (i + name.length()) % 4;
                ws.store().add(HistoryItem.of(name + "-" + i, user, "Which tag fits: " + plots[t] + " " + i, tags[t]));
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (PostgresDatabase db = PostgresDatabase.open(url);
                Connection c = db.connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void should_keep_histories_heads_and_answers_of_training_fitting_and_chat_in_the_database() throws Exception {
        // given: a scripted black box, users ingested through one workspace
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback(PostgresWorkspaceTest::copyFirstDemonstration)
                .build();
        ApplicationTrainingReport trained;
        try (Workspace ws = Workspace.withBackend(home, home, database(), llm)) {
            ingest(ws, "ana", "ben", "cleo", "dora");

            // when: train on three of them, fit the fourth, chat as her
            trained = new ModelTraining(ws, Pipelines.task(DemoRun.TASK), DemoRun.SETTINGS, ProgressListener.NONE)
                    .trainWithin(ws.store(), LlmBudget.ofCalls(300), 2, "app");
        }
        long calls = llm.samples();
        HydraResult answer;
        try (Workspace ws = Workspace.withBackend(home, home, database(), llm)) {
            HydraModel model = ModelTraining.load(ws, "app");
            new ModelTraining(ws, Pipelines.task(model.task()), model.config(), ProgressListener.NONE).fit(model,
                    List.of(UserId.of("dora")));
            answer = Pipelines.pipeline(ws, Pipelines.task(model.task()), Optional.of(model), model.config())
                    .personalize(new Query(UserId.of("dora"), "Which tag fits: robots on a spaceship", DemoRun.TASK));
        }

        // then: the model's folder holds no history or heads; the database holds them and the answers
        assertEquals(ApplicationTrainingReport.Outcome.TRAINED, trained.outcome(), trained.summary());
        assertFalse(Files.exists(home.resolve("history")), "no Lucene history in the home");
        assertFalse(Files.exists(home.resolve("cache")), "no cached answers in the home");
        assertEquals(24, count("SELECT count(*) FROM hydra.hydra_history_item"));
        assertEquals(0, count("SELECT count(*) FROM hydra.hydra_head WHERE module NOT LIKE 'app--%'"),
                "every head under the model's name");
        assertTrue(count("SELECT count(DISTINCT user_id) FROM hydra.hydra_head") >= 2, "heads: " + heads());
        assertEquals(1, count("SELECT count(*) FROM hydra.hydra_head WHERE module = 'app--reranker' AND user_id = "
                + "'dora'"));
        assertTrue(count("SELECT count(*) FROM hydra.hydra_llm_response") >= calls, "every answer cached");
        assertTrue(answer.usedItems().stream().allMatch(u -> u.item().userId().equals(UserId.of("dora"))),
                "chat retrieved dora's history from the database");

        // and: another instance, with another home, trains again for free from the shared cache
        ScriptedLlmBackend other = ScriptedLlmBackend.builder()
                .fallback(PostgresWorkspaceTest::copyFirstDemonstration).build();
        try (Workspace ws = Workspace.withBackend(otherHome, otherHome, database(), other)) {
            ApplicationTrainingReport again = new ModelTraining(ws, Pipelines.task(DemoRun.TASK), DemoRun.SETTINGS,
                    ProgressListener.NONE).trainWithin(ws.store(), LlmBudget.ofCalls(300), 2, "app");
            assertEquals(0, again.callsUsed(), again.summary());
        }
        assertEquals(0, other.samples());
    }

    private String heads() throws SQLException {
        try (PostgresDatabase db = PostgresDatabase.open(url);
                Connection c = db.connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT string_agg(user_id || ':' || module, ', ') FROM hydra_head")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void should_forget_a_user_in_the_database_history_heads_and_answers(@TempDir Path third) throws SQLException {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback((p, i) -> "noir").build();
        UserErasure.Report report;
        try (Workspace ws = Workspace.withBackend(third, third, database(), llm)) {
            ws.store().add(HistoryItem.of("1", UserId.of("erin"), "erin watched The Long Goodbye at dawn", "noir"));
            ws.store().add(HistoryItem.of("1", UserId.of("fred"), "fred watched Heat on a rainy night", "crime"));
            ws.heads(third.resolve("models").resolve("m1")).save(UserId.of("erin"), HeadStore.RERANKER,
                    new HeadParameters("k", new float[] {1}));
            ws.backend().generate(Prompt.ofUser("Tag: erin watched The Long Goodbye at dawn"),
                    new dev.hydra.api.Sampling(1, 0, 4, 1));

            // when
            report = ws.forget(UserId.of("erin"));
        }

        // then
        assertEquals(new UserErasure.Report(1, 1, 0, 1), report);
        assertEquals(0, count("SELECT count(*) FROM hydra.hydra_history_item WHERE user_id = 'erin'"));
        assertEquals(0, count("SELECT count(*) FROM hydra.hydra_head WHERE user_id = 'erin'"));
        assertEquals(0, count("SELECT count(*) FROM hydra.hydra_llm_response WHERE position(convert_to('Long "
                + "Goodbye', 'UTF8') in key_text) > 0"));
        assertEquals(1, count("SELECT count(*) FROM hydra.hydra_history_item WHERE user_id = 'fred'"));
    }

    @Test
    void should_keep_two_models_heads_of_one_user_apart_in_the_shared_store() {
        // given
        try (PostgresHeadStore shared = PostgresHeadStore.open(url, "model_heads")) {
            HeadStore a = new ModelHeadStore(shared, "alpha");
            HeadStore b = new ModelHeadStore(shared, "beta.v2"); // a dot: not a module name, hashed
            UserId user = UserId.of("gil");
            // when
            a.save(user, HeadStore.RERANKER, new HeadParameters("k", new float[] {1}));
            b.save(user, HeadStore.RERANKER, new HeadParameters("k", new float[] {2}));
            // then
            assertEquals(Optional.of(new HeadParameters("k", new float[] {1})), a.load(user, HeadStore.RERANKER));
            assertEquals(Optional.of(new HeadParameters("k", new float[] {2})), b.load(user, HeadStore.RERANKER));
            assertEquals(List.of(user), b.users(HeadStore.RERANKER));
            assertEquals(2, a.forgetUser(user), "forgetting a user forgets them in every model");
            assertEquals(Optional.empty(), b.load(user, HeadStore.RERANKER));
        }
    }

    @Test
    void should_name_the_database_when_it_cannot_be_reached(@TempDir Path fourth) {
        // given: a port nothing listens on
        Optional<StoreSpec> nowhere = Optional.of(StoreSpec.parse("jdbc:postgresql://127.0.0.1:1/none?user=x"));
        try (Workspace ws = Workspace.withBackend(fourth, fourth, nowhere, ScriptedLlmBackend.builder().build())) {
            // when
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, ws::store);
            // then
            assertTrue(e.getMessage().contains("127.0.0.1:1/none"), e.getMessage());
        }
    }

    @Test
    void should_retrieve_by_the_stored_vectors_with_the_dense_retriever_over_the_database() {
        try (Workspace ws = Workspace.withBackend(home, home, database(), ScriptedLlmBackend.builder().build())) {
            // given
            ingest(ws, "ana", "ben");

            // when
            List<dev.hydra.api.Scored<HistoryItem>> got = ws.retriever("dense")
                    .retrieve(new Query(UserId.of("ana"), "robots on a spaceship", DemoRun.TASK), 3);

            // then: the user's own items only, the one about robots first
            assertEquals(3, got.size());
            assertTrue(got.stream().allMatch(s -> s.value().userId().equals(UserId.of("ana"))), got.toString());
            assertTrue(got.get(0).value().input().contains("robots on a spaceship"), got.get(0).toString());
            // hybrid fuses Lucene's own BM25 index: refused over the database, naming the way out
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ws.retriever("hybrid"));
            assertTrue(e.getMessage().contains("bm25-okapi"), e.getMessage());
        }
    }

}

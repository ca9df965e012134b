package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.app.StoreSpec;
import dev.hydra.postgres.PostgresHistoryStore;
import dev.hydra.postgres.TemporaryPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store jdbc:postgresql://...}: the commands that read or write users' state reach the database. */
class StoreOptionTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    @TempDir
    Path home;

    private HomeCli cli;

    @BeforeEach
    void cli() {
        cli = new HomeCli(home);
    }

    @Test
    void should_ingest_into_and_forget_from_the_database_leaving_the_home_without_a_history() throws IOException {
        // given
        Path jsonl = home.resolve("items.jsonl");
        Files.writeString(jsonl, """
                {"user_id": "cli-ann", "id": "1", "input": "ann watched The Long Goodbye", "output": "noir"}
                {"user_id": "cli-bob", "id": "1", "input": "bob watched Heat", "output": "crime"}
                """, StandardCharsets.UTF_8);

        // when
        int ingested = cli.run("ingest", "--jsonl", jsonl.toString(), "--store", POSTGRES.jdbcUrl());
        List<HistoryItem> stored;
        try (PostgresHistoryStore db = PostgresHistoryStore.open(POSTGRES.jdbcUrl(), Optional.empty())) {
            stored = db.list(UserId.of("cli-ann"));
        }
        int forgot = cli.run("forget", "--user", "cli-ann", "--store", POSTGRES.jdbcUrl());

        // then
        assertEquals(0, ingested, cli.err());
        assertEquals(List.of(HistoryItem.of("1", UserId.of("cli-ann"), "ann watched The Long Goodbye", "noir")),
                stored);
        assertEquals(0, forgot, cli.err());
        try (PostgresHistoryStore db = PostgresHistoryStore.open(POSTGRES.jdbcUrl(), Optional.empty())) {
            assertEquals(List.of(), db.list(UserId.of("cli-ann")));
            assertEquals(1, db.count(UserId.of("cli-bob")));
        }
        assertFalse(Files.exists(home.resolve("history")), "the home holds no history");
    }

    @Test
    void should_look_for_a_users_history_in_the_database_when_fitting_and_name_it() {
        // when
        int code = cli.run("fit", "--user", "cli-nobody", "--store", POSTGRES.jdbcUrl());
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("user cli-nobody has no history in jdbc:postgresql://127.0.0.1:")
                && cli.err().contains("schema hydra"), cli.err());
    }

    @Test
    void should_refuse_a_store_that_is_neither_form_naming_it_and_the_forms() {
        // when
        int code = cli.run("chat", "--user", "u", "--store", "jdbc:mysql://db/app", "hello");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("invalid store \"jdbc:mysql://db/app\"")
                && cli.err().contains(StoreSpec.FORMS), cli.err());
    }

    @Test
    void should_refuse_a_store_with_the_demo() {
        // when
        int code = cli.run("chat", "--demo", "--user", "u", "--store", POSTGRES.jdbcUrl(), "hello");
        // then
        assertEquals(1, code);
        assertTrue(cli.err().contains("--demo uses the demo's own folders"), cli.err());
    }
}

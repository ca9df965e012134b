package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code hydra check reliability --store}: a PostgreSQL URL is handed to the check, anything else refused. */
class CheckCommandTest {

    @Test
    void should_hand_a_postgresql_url_to_the_check() {
        // when
        String url = CheckCommand.Reliability.database(" jdbc:postgresql://127.0.0.1:5432/postgres?user=hydra ");
        // then
        assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres?user=hydra", url);
    }

    @Test
    void should_refuse_a_folder_naming_it_and_the_two_ways_to_run() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckCommand.Reliability.database("/tmp/history"));
        // then
        assertTrue(e.getMessage().contains("\"/tmp/history\""), e::getMessage);
        assertTrue(e.getMessage().contains("jdbc:postgresql://") && e.getMessage().contains("without --store"),
                e::getMessage);
    }

    @Test
    void should_refuse_another_database_naming_it() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckCommand.Reliability.database("jdbc:mysql://db/x"));
        // then
        assertTrue(e.getMessage().contains("jdbc:mysql://db/x") && e.getMessage().contains("PostgreSQL"),
                e::getMessage);
    }
}

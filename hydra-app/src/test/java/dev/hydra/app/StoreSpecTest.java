package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A store spec: a folder or a PostgreSQL JDBC URL, from an option or HYDRA_STORE; anything else names the forms. */
class StoreSpecTest {

    @Test
    void should_read_a_folder_and_a_postgres_url() {
        // when
        StoreSpec folder = StoreSpec.parse("/var/lib/hydra/history");
        StoreSpec db = StoreSpec.parse(" jdbc:postgresql://db:5432/app?user=hydra&password=secret ");
        // then
        assertEquals(Optional.of(Path.of("/var/lib/hydra/history")), folder.folder());
        assertFalse(folder.isDatabase());
        assertEquals(Optional.of("jdbc:postgresql://db:5432/app?user=hydra&password=secret"), db.jdbcUrl());
        assertTrue(db.isDatabase());
        assertEquals("jdbc:postgresql://db:5432/app?user=hydra&password=***", db.toString(), "no password shown");
    }

    @Test
    void should_refuse_another_database_naming_the_spec_and_the_two_forms_without_its_password() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSpec.parse("jdbc:mysql://db/app?password=secret"));
        // then
        assertTrue(e.getMessage().contains("jdbc:mysql://db/app?password=***"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().contains(StoreSpec.FORMS), e.getMessage());
    }

    @Test
    void should_refuse_a_url_that_is_no_jdbc_url_and_a_blank_spec() {
        // when
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> StoreSpec.parse("postgres://db:5432/app"));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> StoreSpec.parse("  "));
        // then
        assertTrue(url.getMessage().contains("\"postgres://db:5432/app\"") && url.getMessage().contains(
                StoreSpec.FORMS), url.getMessage());
        assertTrue(blank.getMessage().contains("invalid store \"  \"") && blank.getMessage().contains(
                StoreSpec.FORMS), blank.getMessage());
    }

    @Test
    void should_take_the_option_before_the_environment_and_neither_when_both_are_missing() {
        // given
        Map<String, String> env = Map.of(StoreSpec.ENV, "jdbc:postgresql://from-env/app");
        // when / then
        assertEquals(Optional.of(Path.of("/opt/h")), StoreSpec.resolve("/opt/h", env).orElseThrow().folder());
        assertEquals(Optional.of("jdbc:postgresql://from-env/app"), StoreSpec.resolve(null, env).orElseThrow()
                .jdbcUrl());
        assertEquals(Optional.empty(), StoreSpec.resolve(null, Map.of()));
        assertEquals(Optional.empty(), StoreSpec.resolve(null, Map.of(StoreSpec.ENV, "")));
    }

    @Test
    void should_say_that_a_bad_value_came_from_the_environment() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSpec.resolve(null, Map.of(StoreSpec.ENV, "jdbc:oracle:thin:@db")));
        // then
        assertTrue(e.getMessage().startsWith(StoreSpec.ENV + ": invalid store \"jdbc:oracle:thin:@db\""),
                e.getMessage());
    }
}

package dev.hydra.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.opentest4j.TestAbortedException;

/** Where PostgreSQL's binaries are absent, the extension skips naming the package, or fails when CI requires it. */
class TemporaryPostgresTest {

    @TempDir
    Path empty;

    private final String bin = System.getProperty("hydra.postgresBin");
    private final String required = System.getProperty("hydra.requirePostgres");

    @AfterEach
    void restore() {
        restore("hydra.postgresBin", bin);
        restore("hydra.requirePostgres", required);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void should_skip_naming_the_package_when_the_binaries_are_absent() {
        // given
        System.setProperty("hydra.postgresBin", empty.toString());
        System.setProperty("hydra.requirePostgres", "false");

        // when
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> new TemporaryPostgres().beforeAll(Mockito.mock(ExtensionContext.class)));

        // then
        assertTrue(e.getMessage().contains("install the Debian package postgresql-15"), e.getMessage());
    }

    @Test
    void should_fail_instead_of_skipping_when_postgres_is_required() {
        // given
        System.setProperty("hydra.postgresBin", empty.toString());
        System.setProperty("hydra.requirePostgres", "true");

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TemporaryPostgres().beforeAll(Mockito.mock(ExtensionContext.class)));

        // then
        assertTrue(e.getMessage().contains("postgresql-15") && e.getMessage().contains("not skipping"), e.getMessage());
    }
}

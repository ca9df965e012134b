package dev.hydra.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.cli.HydraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hydra bench stores} refuses what it cannot run with, before it measures anything; no server needed. */
class BenchStoresOptionsTest {

    @TempDir
    Path out;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void should_ask_for_a_database_naming_the_option_and_the_package_that_provides_one() {
        Assumptions.assumeTrue(System.getenv("HYDRA_STORE") == null, "HYDRA_STORE is set: it would be used");
        // when
        int status = run("bench", "stores", "--out", out.toString());
        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("--store jdbc:postgresql://") && err.toString().contains("postgresql-15"),
                err.toString());
        assertTrue(!Files.exists(out.resolve("bench-stores.json")));
    }

    @Test
    void should_refuse_a_store_that_is_a_folder_naming_it() {
        // when
        int status = run("bench", "stores", "--store", "/var/lib/hydra", "--out", out.toString());
        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("invalid --store \"/var/lib/hydra\"")
                && err.toString().contains("jdbc:postgresql://host:port/db"), err.toString());
    }

    @Test
    void should_refuse_a_count_out_of_range_naming_the_option() {
        // when
        int status = run("bench", "stores", "--store", "jdbc:postgresql://127.0.0.1:1/postgres", "--out",
                out.toString(), "--users", "0");
        // then
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("--users 0 is out of range"), err.toString());
    }
}

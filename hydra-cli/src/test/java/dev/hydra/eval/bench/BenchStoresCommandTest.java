package dev.hydra.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.cli.HydraCommand;
import dev.hydra.postgres.TemporaryPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hydra bench stores} against a throwaway PostgreSQL, at small sizes: every figure of both backends. */
class BenchStoresCommandTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    @TempDir
    Path out;

    @Test
    void should_write_every_figure_of_both_backends_and_the_targets() throws Exception {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        // when
        int status = cli.execute("bench", "stores", "--store", POSTGRES.jdbcUrl(), "--out", out.toString(),
                "--users", "20", "--items", "10", "--ingest-sample-users", "2", "--queries", "20", "--warmup", "2",
                "--head-loads", "10", "--requests", "10", "--seed", "7");

        // then
        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench-stores.json").toFile());
        assertEquals(20, json.get("users").asInt(), json.toString());
        assertEquals(10, json.get("items_per_user").asInt(), json.toString());
        assertEquals(2, json.get("ingest_sample_users").asInt(), json.toString());
        assertEquals(20, json.get("queries").asInt(), json.toString());
        assertEquals(7, json.get("seed").asLong(), json.toString());
        assertTrue(json.get("encoder").asText().startsWith("all-minilm-l6-v2"), json.toString());
        for (String backend : List.of("lucene", "postgres")) {
            JsonNode b = json.get(backend);
            assertTrue(b.get("ingest_items_per_s").asDouble() > 0, backend + ": " + b);
            for (String retriever : List.of("bm25-okapi", "dense")) {
                double p50 = b.get("retrieve_p50_ms").get(retriever).asDouble();
                double p99 = b.get("retrieve_p99_ms").get(retriever).asDouble();
                assertTrue(p50 > 0 && p99 >= p50, backend + " " + retriever + ": " + b);
            }
            for (String cache : List.of("cold", "warm")) {
                double p50 = b.get("head_load_p50_ms").get(cache).asDouble();
                double p99 = b.get("head_load_p99_ms").get(cache).asDouble();
                assertTrue(p50 >= 0 && p99 >= p50, backend + " " + cache + ": " + b);
            }
            assertTrue(b.get("head_load_p50_ms").get("cold").asDouble() > 0, backend + ": " + b);
            assertTrue(b.get("decorator_overhead_p50_ms").asDouble() > 0, backend + ": " + b);
        }
        JsonNode targets = json.get("targets");
        assertEquals(8, targets.size(), targets.toString());
        for (JsonNode target : targets) {
            assertTrue(target.get("met").isBoolean() && target.has("lucene") && target.has("postgres"),
                    target.toString());
        }
        // and the bench's schemas are dropped: the database is left as it was
        try (Connection c = DriverManager.getConnection(POSTGRES.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'bench\\_stores\\_%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
        assertTrue(Files.list(out).allMatch(p -> p.getFileName().toString().equals("bench-stores.json")),
                "the Lucene folders are deleted");
    }

    @Test
    void should_refuse_a_database_it_cannot_reach_naming_the_package_that_provides_one() {
        // given
        CommandLine cli = HydraCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        // when: port 1, where no PostgreSQL listens
        int status = cli.execute("bench", "stores", "--store",
                "jdbc:postgresql://127.0.0.1:1/postgres?user=hydra&connectTimeout=5", "--out", out.toString());
        // then
        assertTrue(status != 0, err.toString());
        assertTrue(err.toString().contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/")
                && err.toString().contains("postgresql-15"), err.toString());
    }
}

package dev.hydra.it.reliability;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.postgres.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Where the scenarios keep users' state, the seam that runs them on either backend: in folders under each
 * scenario's home (a Lucene history, head files, cache files) or in PostgreSQL, each scenario in a schema of its own
 * ({@code rel_<scenario>}), emptied when the scenario starts.
 */
final class ScenarioStore {

    /** The folders: what {@code hydra check reliability} uses without {@code --store}. */
    static final ScenarioStore LUCENE = new ScenarioStore(null);

    private final String jdbcUrl;

    private ScenarioStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Reads a store as the check's command line or a child's arguments give it.
     *
     * @param spec {@code lucene}, or a {@code jdbc:postgresql://...} URL
     * @return the store
     * @throws IllegalArgumentException naming the spec and the accepted forms
     */
    static ScenarioStore of(String spec) {
        if ("lucene".equals(spec)) {
            return LUCENE;
        }
        if (spec == null || !spec.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("invalid store " + (spec == null ? "null" : '"' + spec + '"')
                    + ": the reliability check runs on lucene (the default) or on a PostgreSQL server given by a "
                    + "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=hydra");
        }
        return new ScenarioStore(spec);
    }

    /**
     * The backend's name, as {@code reliability.json} says it.
     *
     * @return {@code lucene} or {@code postgres}
     */
    String name() {
        return jdbcUrl == null ? "lucene" : "postgres";
    }

    /**
     * What a child process is given to open the same store: {@link #of} reads it back.
     *
     * @return {@code lucene} or the URL
     */
    String spec() {
        return jdbcUrl == null ? "lucene" : jdbcUrl;
    }

    /**
     * The server, for PostgreSQL.
     *
     * @return the URL, or empty for folders
     */
    Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    /**
     * Opens one scenario's state.
     *
     * @param home the scenario's folder (the Lucene history goes to {@code home/history})
     * @param scenario the scenario's name, [a-z0-9_], which names its schema
     * @param encoder the encoder whose vectors the history keeps, if any
     * @param fresh whether to drop what an earlier run left in the scenario's schema (a folder home is fresh)
     * @return the state; close it
     */
    ScenarioState open(Path home, String scenario, Optional<TextEncoder> encoder, boolean fresh) {
        if (jdbcUrl == null) {
            return ScenarioState.inFolders(home, encoder);
        }
        String schema = schema(scenario);
        if (fresh) {
            dropSchema(jdbcUrl, schema);
        }
        return ScenarioState.inPostgres(PostgresDatabase.open(jdbcUrl, schema, 8), encoder);
    }

    /** The schema of a scenario. */
    static String schema(String scenario) {
        return "rel_" + scenario;
    }

    /** Drops a schema and everything in it, so that a scenario starts from nothing. */
    static void dropSchema(String jdbcUrl, String schema) {
        try (PostgresDatabase db = PostgresDatabase.open(jdbcUrl, schema, 2);
                Connection c = db.connection();
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}

package dev.hydra.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hydra.api.HydraException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * A connection pool (HikariCP) to one schema of a PostgreSQL database, migrated to the schema the stores need
 * (Flyway, scripts in {@code dev/hydra/postgres/migration}) when it opens. Several stores, and several processes,
 * may share one schema: that is how instances behind a load balancer see the same users.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. Close it after the stores that use it.
 *
 * @since 0.1
 */
public final class PostgresDatabase implements AutoCloseable {

    /** The rule a schema name follows. */
    public static final String SCHEMA_RULE = "1 to 63 characters of [a-z0-9_], starting with a letter or _";

    /** The schema used when none is given. */
    public static final String DEFAULT_SCHEMA = "hydra";

    /** The pool's size when none is given. */
    public static final int DEFAULT_POOL_SIZE = 8;

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final HikariDataSource pool;
    private final String url;
    private final String schema;

    private PostgresDatabase(HikariDataSource pool, String url, String schema) {
        this.pool = pool;
        this.url = url;
        this.schema = schema;
    }

    /**
     * Opens a pool to a database's default schema {@value #DEFAULT_SCHEMA}, with credentials in the URL
     * ({@code ?user=...&password=...}) or the environment (PGPASSWORD is not read: give them in the URL).
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @return the database, migrated
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresDatabase open(String jdbcUrl) {
        return open(jdbcUrl, DEFAULT_SCHEMA, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens a pool to one schema of a database and migrates it; the schema is created when missing.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @param schema the schema; follows {@link #SCHEMA_RULE}
     * @param poolSize the most connections, at least 2 (the head store listens on one)
     * @return the database, migrated
     * @throws IllegalArgumentException when the URL, the schema or the pool size breaks its rule
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresDatabase open(String jdbcUrl, String schema, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("invalid store URL \"" + redact(jdbcUrl)
                    + "\": a PostgreSQL store URL starts with jdbc:postgresql://host:port/database");
        }
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("invalid schema " + (schema == null ? "null" : '"' + schema + '"')
                    + ": a schema is " + SCHEMA_RULE);
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException(
                    "invalid pool size " + poolSize + ": the pool needs at least 2 connections");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("hydra-" + schema);
        // every connection works in the schema (search_path); it may not exist yet: the migration creates it
        config.setSchema(schema);
        // fail at once when the first connection cannot be had: a wrong URL is reported when the store opens
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new HydraException("cannot open a connection pool to " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure(PostgresDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations("classpath:dev/hydra/postgres/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new HydraException(
                    "cannot migrate schema " + schema + " of " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        // the migration may have changed its connections' session state: start afresh
        pool.getHikariPoolMXBean().softEvictConnections();
        return new PostgresDatabase(pool, jdbcUrl, schema);
    }

    /**
     * The schema this pool works in.
     *
     * @return the schema name
     */
    public String schema() {
        return schema;
    }

    /**
     * The database's URL without its password.
     *
     * @return the URL, any {@code password=} value replaced by {@code ***}
     */
    public String location() {
        return redact(url) + " schema " + schema;
    }

    /**
     * Borrows a connection of the pool, in the schema; the caller closes it.
     *
     * @return the connection
     * @throws SQLException when none can be had
     */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Closes the pool; stores over it are unusable afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + location() + "]";
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}

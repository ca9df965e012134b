package dev.hydra.postgres.internal;

import dev.hydra.api.HydraException;
import dev.hydra.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on one pooled connection, its {@link SQLException} turned into a {@link HydraException} that says what
 * could not be done and in which database.
 *
 * @param <T> what the work gives
 */
@FunctionalInterface
public interface ConnectionWork<T> {

    /**
     * Does the work.
     *
     * @param c a connection of the pool, returned to it afterwards
     * @return the result
     * @throws SQLException when the database refuses
     */
    T on(Connection c) throws SQLException;

    /**
     * Runs work on a connection of a database's pool.
     *
     * @param db the database
     * @param what what the work does, for the error, e.g. {@code "list the users"}
     * @param work the work
     * @param <T> what it gives
     * @return the work's result
     * @throws HydraException when the database refuses
     */
    static <T> T run(PostgresDatabase db, String what, ConnectionWork<T> work) {
        try (Connection c = db.connection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new HydraException("cannot " + what + " in " + db.location() + ": " + e.getMessage(), e);
        }
    }
}

package dev.hydra.postgres.internal;

import dev.hydra.api.HydraException;
import dev.hydra.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a plain {@code VACUUM} of some tables, so the dead rows of an erasure are pruned from the tables and their
 * indexes once the call returns: with {@code INDEX_CLEANUP ON}, since by default the indexes are skipped when dead rows
 * sit on under 2% of a table's pages. Plain, never {@code FULL}: it takes no lock that blocks other instances' reads
 * or writes.
 */
public final class Vacuum {

    private Vacuum() {}

    /**
     * Vacuums tables of the database's schema.
     *
     * @param db the database
     * @param why what the vacuum completes, for the error message
     * @param tables the tables, names of our own migrations (never user input)
     * @throws HydraException when the vacuum fails
     */
    public static void tables(PostgresDatabase db, String why, String... tables) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // VACUUM cannot run inside a transaction block
            c.setAutoCommit(true);
            // INDEX_CLEANUP ON: by default VACUUM skips the indexes when few pages hold dead rows (under 2%), which
            // an erased user's rows among many are; the index items would still hold the user's key
            st.execute("VACUUM (INDEX_CLEANUP ON) " + String.join(", ", tables));
        } catch (SQLException e) {
            throw new HydraException("cannot vacuum " + String.join(", ", tables) + " of " + db.location()
                    + " to " + why + ": " + e.getMessage(), e);
        }
    }
}

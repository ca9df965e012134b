package dev.hydra.postgres;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.HeadStoreCompatibilityKit;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL head store against the head store contract; a schema per test; damage is a byte with bits flipped. */
class PostgresHeadStoreCompatibilityTest extends HeadStoreCompatibilityKit {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    @Override
    protected HeadStore newStore(Path dir) {
        return PostgresHeadStore.open(POSTGRES.jdbcUrl(), Schemas.of(dir));
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected void corrupt(Path dir, UserId user, String module) throws IOException {
        try (Connection c = DriverManager.getConnection(POSTGRES.jdbcUrl());
                PreparedStatement ps = c.prepareStatement("UPDATE " + Schemas.of(dir) + ".hydra_head"
                        + " SET head = set_byte(head, 8, get_byte(head, 8) # 90)"
                        + " WHERE user_id = ? AND module = ?")) {
            ps.setString(1, user.value());
            ps.setString(2, module);
            if (ps.executeUpdate() != 1) {
                throw new IOException("no row to damage for " + user + "/" + module);
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}

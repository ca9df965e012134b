package dev.hydra.it.reliability;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.internal.HeadChecksum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The bad-input scenario's rows in PostgreSQL: head rows and cached-answer rows whose bytes are mutated behind the
 * stores' backs (some with a checksum recomputed over the mutated bytes, so that the decoding behind the checksum is
 * reached too), then loaded; each must load or fail with a documented error.
 */
final class BadRows {

    private final PostgresDatabase db;
    private final HeadStore heads;
    private final ResponseCache cache;
    private final CacheKey key;
    private final byte[] head;
    private final String kind;
    private final byte[][] entry;

    BadRows(PostgresDatabase db, HeadStore heads, ResponseCache cache, CacheKey key) {
        this.db = db;
        this.heads = heads;
        this.cache = cache;
        this.key = key;
        UserId valid = UserId.of("bad-row-valid");
        heads.save(valid, HeadStore.RERANKER, new HeadParameters("lowrank:h=4,r=1", new float[] {1, 2, 3, 4}));
        cache.put(key, "an answer");
        byte[][] headRow = query("SELECT head, convert_to(kind, 'UTF8') FROM hydra_head WHERE user_id = ?",
                valid.value());
        this.head = headRow[0];
        this.kind = new String(headRow[1], java.nio.charset.StandardCharsets.UTF_8);
        this.entry = query("SELECT key_text, answer FROM hydra_llm_response WHERE key_sha256 = ?", key.sha256());
    }

    /** A mutated head row of a user of its own (nothing cached), loaded. */
    void head(Mutator m, Tally tally, int i) {
        UserId user = UserId.of("bad-row-" + i);
        byte[] bytes = m.mutate(head);
        long checksum = m.random().nextBoolean() ? HeadChecksum.of(user.value(), HeadStore.RERANKER, kind, bytes)
                : m.random().nextLong();
        update("INSERT INTO hydra_head VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, user.value());
            ps.setString(2, HeadStore.RERANKER);
            ps.setString(3, kind);
            ps.setBytes(4, bytes);
            ps.setLong(5, checksum);
        });
        tally.run("head_row", () -> heads.load(user, HeadStore.RERANKER));
    }

    /** The cached answer's row with its key text or its answer mutated, read. */
    void entry(Mutator m, Tally tally) {
        boolean keyText = m.random().nextBoolean();
        byte[] bytes = m.mutate(entry[keyText ? 0 : 1]);
        update("INSERT INTO hydra_llm_response VALUES (?, ?, ?, 0) ON CONFLICT (key_sha256) DO UPDATE SET "
                + (keyText ? "key_text" : "answer") + " = ?", ps -> {
                    ps.setString(1, key.sha256());
                    ps.setBytes(2, entry[0]);
                    ps.setBytes(3, entry[1]);
                    ps.setBytes(4, bytes);
                });
        tally.run("llm_cache_row", () -> cache.get(key));
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binding binding) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binding.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write a bad row: " + e.getMessage(), e);
        }
    }

    private byte[][] query(String sql, String param) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + param);
                }
                return new byte[][] {rs.getBytes(1), rs.getBytes(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a valid row: " + e.getMessage(), e);
        }
    }
}

package dev.hydra.postgres;

import dev.hydra.api.HydraException;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.postgres.internal.ConnectionWork;
import dev.hydra.postgres.internal.ResponseRows;
import dev.hydra.postgres.internal.Vacuum;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The black box's answers in PostgreSQL ({@link ResponseCache}), shared by every instance that opens the same
 * schema: one row per sample, keyed by the SHA-256 of the key's canonical text, holding that text, the answer and a
 * CRC32 of both. A read compares the stored key text with the key's and checks the checksum; a row that fails is
 * deleted and reported as a miss, never served.
 *
 * <p>{@link #purge} (what {@code UserErasure} calls to erase a user's answers) reads the table once, deletes the
 * matching and damaged rows in one transaction and then vacuums the table (plain {@code VACUUM}: other instances go
 * on), so that once it returns no live or dead row of theirs remains in the table or its index. <b>Thread-safety:</b>
 * safe for concurrent use, by threads and by processes.
 *
 * @since 0.2
 */
public final class PostgresResponseCache implements ResponseCache, AutoCloseable {

    private static final String TABLE = "hydra_llm_response";
    private static final int DELETE_BATCH = 1_000;

    private final PostgresDatabase db;
    private final boolean ownsDatabase;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();

    private PostgresResponseCache(PostgresDatabase db, boolean ownsDatabase) {
        this.db = Objects.requireNonNull(db, "db");
        this.ownsDatabase = ownsDatabase;
    }

    /**
     * Opens a cache over a database that the caller keeps open, and closes after the cache.
     *
     * @param db the database
     * @return the cache
     */
    public static PostgresResponseCache open(PostgresDatabase db) {
        return new PostgresResponseCache(db, false);
    }

    /**
     * Opens a cache over its own pool to a database's default schema; closing the cache closes the pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @return the cache
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresResponseCache open(String jdbcUrl) {
        return new PostgresResponseCache(PostgresDatabase.open(jdbcUrl), true);
    }

    @Override
    public Optional<String> get(CacheKey key) {
        String sha = key.sha256();
        String canonical = key.canonical();
        Optional<String> answer = ConnectionWork.run(db, "read the cached answer " + sha, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT key_text, answer, checksum FROM " + TABLE + " WHERE key_sha256 = ?")) {
                ps.setString(1, sha);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Optional<String[]> row = ResponseRows.read(rs.getBytes(1), rs.getBytes(2), rs.getLong(3));
                    if (row.isEmpty() || !row.get()[0].equals(canonical)) {
                        corrupt.incrementAndGet();
                        deleteRow(c, sha);
                        return Optional.empty();
                    }
                    return Optional.of(row.get()[1]);
                }
            }
        });
        (answer.isPresent() ? hits : misses).incrementAndGet();
        return answer;
    }

    @Override
    public void put(CacheKey key, String text) {
        Objects.requireNonNull(text, "text must not be null");
        String sha = key.sha256();
        ConnectionWork.run(db, "cache the answer " + sha, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                    + " (key_sha256, key_text, answer, checksum) VALUES (?, ?, ?, ?) ON CONFLICT (key_sha256) DO "
                    + "UPDATE SET key_text = EXCLUDED.key_text, answer = EXCLUDED.answer, checksum = EXCLUDED.checksum")) {
                byte[][] row = ResponseRows.encode(key.canonical(), text);
                ps.setString(1, sha);
                ps.setBytes(2, row[0]);
                ps.setBytes(3, row[1]);
                ps.setLong(4, ResponseRows.checksum(row[0], row[1]));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(CacheKey key) {
        String sha = key.sha256();
        return ConnectionWork.run(db, "delete the cached answer " + sha, c -> deleteRow(c, sha)) > 0;
    }

    /**
     * Deletes every row whose key text or answer the predicate matches, and every damaged row, in one transaction,
     * then vacuums the table so that their dead rows are gone from the table and its index too.
     *
     * @param holds tests a row's key text joined by a newline to its answer; never {@code null}
     * @return how many rows were deleted
     * @throws HydraException when the table cannot be read, changed or vacuumed; then nothing was deleted
     */
    @Override
    public int purge(Predicate<String> holds) {
        Objects.requireNonNull(holds, "holds must not be null");
        int deleted = ConnectionWork.run(db, "purge the cached answers", c -> {
            c.setAutoCommit(false);
            try {
                List<String> doomed = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT key_sha256, key_text, answer, checksum FROM " + TABLE)) {
                    ps.setFetchSize(500); // a cursor: the table is read in pages, not held in memory
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Optional<String[]> row = ResponseRows.read(rs.getBytes(2), rs.getBytes(3), rs.getLong(4));
                            if (row.isEmpty() || holds.test(row.get()[0] + "\n" + row.get()[1])) {
                                doomed.add(rs.getString(1));
                            }
                        }
                    }
                }
                int n = 0;
                for (int from = 0; from < doomed.size(); from += DELETE_BATCH) {
                    List<String> batch = doomed.subList(from, Math.min(doomed.size(), from + DELETE_BATCH));
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM " + TABLE + " WHERE key_sha256 = ANY (?)")) {
                        Array shas = c.createArrayOf("text", batch.toArray());
                        ps.setArray(1, shas);
                        n += ps.executeUpdate();
                    }
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
        if (deleted > 0) {
            Vacuum.tables(db, "erase the purged answers", TABLE);
        }
        return deleted;
    }

    @Override
    public long hits() {
        return hits.get();
    }

    @Override
    public long misses() {
        return misses.get();
    }

    /**
     * How many damaged rows were found and deleted.
     *
     * @return the count since this instance was made
     */
    public long corruptEntries() {
        return corrupt.get();
    }

    /** Closes the pool when the cache opened it. */
    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresResponseCache[" + db.location() + "]";
    }

    private static int deleteRow(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE key_sha256 = ?")) {
            ps.setString(1, sha);
            return ps.executeUpdate();
        }
    }

}

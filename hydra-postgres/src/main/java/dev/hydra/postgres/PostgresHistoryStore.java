package dev.hydra.postgres;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.api.spi.VectorHistoryStore;
import dev.hydra.postgres.internal.ConnectionWork;
import dev.hydra.postgres.internal.FloatBytes;
import dev.hydra.postgres.internal.ItemRows;
import dev.hydra.postgres.internal.LruMap;
import dev.hydra.postgres.internal.UserVectors;
import dev.hydra.postgres.internal.Vacuum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A {@link HistoryStore} in PostgreSQL, shared by every process that opens the same schema: the items with every
 * field, the vectors of one {@link TextEncoder} (when the store has one) and each user's revision, all in the
 * tables of {@code V1__histories_and_heads.sql}.
 *
 * <p>{@link #addAll} is one transaction: all or nothing, and durable when it returns. The revision of a user comes
 * from one database sequence, written in the same transaction as the items, so every instance sees the same
 * revision and a revision never repeats. {@link #searchVector} (dense retrieval) reads a user's vectors once per
 * revision and keeps them in a bounded per-user cache, so a request costs one revision lookup, not a read of
 * every vector. {@link #forgetUser} deletes the user's rows (items and revision); {@link #compact} vacuums the
 * tables (plain {@code VACUUM}, which takes no lock that blocks other instances' reads and writes).
 * <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
public final class PostgresHistoryStore implements VectorHistoryStore {

    /** The store's plugin name. */
    public static final String NAME = "postgres";

    /** How many users' vectors {@link #searchVector} keeps in memory by default. */
    public static final int DEFAULT_CACHED_USERS = 1024;

    private static final int ENCODE_BATCH = 64;
    private static final int ATTEMPTS = 5;

    private final PostgresDatabase db;
    private final boolean ownsDatabase;
    private final Optional<TextEncoder> encoder;
    private final LruMap<UserId, UserVectors> vectorCache;

    private PostgresHistoryStore(PostgresDatabase db, boolean ownsDatabase, Optional<TextEncoder> encoder,
            int cachedUsers) {
        this.db = Objects.requireNonNull(db, "db");
        this.ownsDatabase = ownsDatabase;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.vectorCache = new LruMap<>(cachedUsers);
    }

    /**
     * Opens a store over a database that the caller keeps open, and closes after the store.
     *
     * @param db the database
     * @param encoder the encoder whose vectors to store, when dense retrieval is wanted
     * @return the store
     */
    public static PostgresHistoryStore open(PostgresDatabase db, Optional<TextEncoder> encoder) {
        return new PostgresHistoryStore(db, false, encoder, DEFAULT_CACHED_USERS);
    }

    /**
     * Opens a store over its own pool to a database's default schema; closing the store closes the pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @param encoder the encoder whose vectors to store, when dense retrieval is wanted
     * @return the store
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresHistoryStore open(String jdbcUrl, Optional<TextEncoder> encoder) {
        return open(jdbcUrl, PostgresDatabase.DEFAULT_SCHEMA, encoder);
    }

    /**
     * Opens a store over its own pool to one schema of a database; closing the store closes the pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @param schema the schema; follows {@link PostgresDatabase#SCHEMA_RULE}
     * @param encoder the encoder whose vectors to store, when dense retrieval is wanted
     * @return the store
     * @throws IllegalArgumentException when the URL or the schema breaks its rule
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresHistoryStore open(String jdbcUrl, String schema, Optional<TextEncoder> encoder) {
        PostgresDatabase db = PostgresDatabase.open(jdbcUrl, schema, PostgresDatabase.DEFAULT_POOL_SIZE);
        return new PostgresHistoryStore(db, true, encoder, DEFAULT_CACHED_USERS);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The encoder whose vectors this store keeps.
     *
     * @return the encoder, or empty when the store keeps no vectors
     */
    public Optional<TextEncoder> encoder() {
        return encoder;
    }

    @Override
    public void add(HistoryItem item) {
        addAll(List.of(Objects.requireNonNull(item, "item")));
    }

    @Override
    public void addAll(Collection<HistoryItem> items) {
        // the last of several items of one user and id wins, as if they were added one by one; rows are written
        // in key order so that concurrent writers lock them in the same order and never deadlock
        Map<List<String>, HistoryItem> byKey = new LinkedHashMap<>();
        for (HistoryItem item : List.copyOf(Objects.requireNonNull(items, "items"))) {
            byKey.put(List.of(item.userId().value(), item.id()), item);
        }
        if (byKey.isEmpty()) {
            return;
        }
        List<HistoryItem> list = byKey.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.<List<String>, String>comparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1))))
                .map(Map.Entry::getValue).toList();
        for (HistoryItem item : list) {
            ItemRows.checkStorable(item);
        }
        List<float[]> vectors = encode(list);
        String encoderId = encoder.map(TextEncoder::id).orElse(null);
        List<String> users = list.stream().map(i -> i.userId().value()).distinct().toList();
        inTransaction("store " + list.size() + " items", c -> {
            try (PreparedStatement revision = c
                    .prepareStatement("INSERT INTO hydra_user_revision VALUES (?, nextval('hydra_revision'))"
                            + " ON CONFLICT (user_id) DO UPDATE SET revision = EXCLUDED.revision")) {
                for (String user : users) {
                    revision.setString(1, user);
                    revision.addBatch();
                }
                revision.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(ItemRows.UPSERT)) {
                for (int i = 0; i < list.size(); i++) {
                    ItemRows.bind(c, ps, list.get(i), encoderId, vectors == null ? null : vectors.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private List<float[]> encode(List<HistoryItem> items) {
        if (encoder.isEmpty()) {
            return null;
        }
        TextEncoder enc = encoder.get();
        List<float[]> out = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += ENCODE_BATCH) {
            List<HistoryItem> batch = items.subList(from, Math.min(items.size(), from + ENCODE_BATCH));
            float[][] vectors;
            try {
                vectors = enc.encode(batch.stream().map(HistoryItem::retrievalText).toList());
            } catch (RuntimeException e) {
                throw new HydraException(
                        "encoder " + enc.id() + " failed on " + batch.size() + " items; nothing was stored: "
                                + e.getMessage(),
                        e);
            }
            if (vectors == null || vectors.length != batch.size()) {
                throw new HydraException("encoder " + enc.id() + " returned "
                        + (vectors == null ? "nothing" : vectors.length + " vectors") + " for " + batch.size()
                        + " texts; nothing was stored");
            }
            for (int i = 0; i < vectors.length; i++) {
                float[] v = vectors[i];
                boolean finite = v != null && v.length == enc.dimension();
                for (int j = 0; finite && j < v.length; j++) {
                    finite = Float.isFinite(v[j]);
                }
                if (!finite) {
                    HistoryItem item = batch.get(i);
                    throw new HydraException("encoder " + enc.id() + " returned no vector of " + enc.dimension()
                            + " finite values for item " + item.id() + " of user " + item.userId()
                            + "; nothing was stored");
                }
                out.add(v.clone());
            }
        }
        return out;
    }

    @Override
    public Optional<HistoryItem> get(UserId user, String itemId) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(itemId, "itemId");
        return ConnectionWork.run(db, "get an item of user " + user, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ItemRows.COLUMNS
                    + " FROM hydra_history_item WHERE user_id = ? AND item_id = ?")) {
                ps.setString(1, user.value());
                ps.setString(2, itemId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ItemRows.read(rs)) : Optional.<HistoryItem>empty();
                }
            }
        });
    }

    @Override
    public List<HistoryItem> list(UserId user) {
        Objects.requireNonNull(user, "user");
        List<HistoryItem> items = ConnectionWork.run(db, "list the items of user " + user, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ItemRows.COLUMNS
                    + " FROM hydra_history_item WHERE user_id = ?")) {
                ps.setString(1, user.value());
                List<HistoryItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ItemRows.read(rs));
                    }
                }
                return out;
            }
        });
        // sorted here, not by the database's collation, so the order is Java's (timestamp, then id) exactly
        items.sort(Comparator.comparing(HistoryItem::timestamp).thenComparing(HistoryItem::id));
        return List.copyOf(items);
    }

    /**
     * Reads at most {@code max} items plus those that share the oldest one's instant: the database finds the
     * window's oldest instant, and the order within an instant is Java's (by id), not the database's collation.
     */
    @Override
    public List<HistoryItem> newest(UserId user, int max) {
        Objects.requireNonNull(user, "user");
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        if (max == 0) {
            return List.of();
        }
        List<HistoryItem> items = ConnectionWork.run(db, "list the newest items of user " + user, c -> {
            long[] oldest = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT ts_seconds, ts_nanos FROM hydra_history_item"
                    + " WHERE user_id = ? ORDER BY ts_seconds DESC, ts_nanos DESC OFFSET ? LIMIT 1")) {
                ps.setString(1, user.value());
                ps.setInt(2, max - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        oldest = new long[] {rs.getLong(1), rs.getInt(2)};
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ItemRows.COLUMNS
                    + " FROM hydra_history_item WHERE user_id = ?"
                    + (oldest == null ? "" : " AND (ts_seconds, ts_nanos) >= (?, ?)"))) {
                ps.setString(1, user.value());
                if (oldest != null) {
                    ps.setLong(2, oldest[0]);
                    ps.setInt(3, (int) oldest[1]);
                }
                List<HistoryItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ItemRows.read(rs));
                    }
                }
                return out;
            }
        });
        items.sort(Comparator.comparing(HistoryItem::timestamp).reversed().thenComparing(HistoryItem::id));
        return List.copyOf(items.subList(0, Math.min(max, items.size())));
    }

    @Override
    public int count(UserId user) {
        Objects.requireNonNull(user, "user");
        return ConnectionWork.run(db, "count the items of user " + user, c -> {
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT count(*) FROM hydra_history_item WHERE user_id = ?")) {
                ps.setString(1, user.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public List<UserId> users() {
        TreeSet<UserId> users = ConnectionWork.run(db, "list the users", c -> {
            TreeSet<UserId> out = new TreeSet<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT DISTINCT user_id FROM hydra_history_item")) {
                while (rs.next()) {
                    out.add(UserId.of(rs.getString(1)));
                }
            }
            return out;
        });
        return List.copyOf(users);
    }

    /** Read from the database, so every instance over the schema gives the same revision of a user. */
    @Override
    public OptionalLong revision(UserId user) {
        Objects.requireNonNull(user, "user");
        return OptionalLong.of(ConnectionWork.run(db, "read the revision of user " + user, c -> revisionOf(c, user)));
    }

    private static long revisionOf(Connection c, UserId user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision FROM hydra_user_revision WHERE user_id = ?")) {
            ps.setString(1, user.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    @Override
    public List<Optional<float[]>> storedVectors(List<HistoryItem> items, String encoderId) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(encoderId, "encoderId");
        List<Optional<float[]>> out = new ArrayList<>(java.util.Collections.nCopies(items.size(), Optional.empty()));
        if (items.isEmpty() || encoder.isEmpty() || !encoder.get().id().equals(encoderId)) {
            return out;
        }
        ConnectionWork.run(db, "read stored vectors", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ItemRows.COLUMNS
                    + ", vector FROM hydra_history_item WHERE user_id = ? AND item_id = ? AND encoder_id = ?")) {
                for (int i = 0; i < items.size(); i++) {
                    HistoryItem item = items.get(i);
                    ps.setString(1, item.userId().value());
                    ps.setString(2, item.id());
                    ps.setString(3, encoderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        // only for the item unchanged: a replaced item's vector is of other content
                        if (rs.next() && ItemRows.read(rs).equals(item)) {
                            out.set(i, Optional.of(FloatBytes.decode(rs.getBytes(9))));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /**
     * Finds a user's items nearest to a vector by cosine similarity (exact, over every item with a vector). The
     * user's vectors are read once per revision and kept in memory for the next requests.
     *
     * @param user the user
     * @param vector the query vector, of the encoder's dimension
     * @param m the most items to return, at least 0
     * @return the items, best first, with their cosine
     * @throws IllegalStateException when the store has no encoder
     * @throws IllegalArgumentException when the vector's length is not the encoder's dimension, or m is negative
     */
    public List<Scored<HistoryItem>> searchVector(UserId user, float[] vector, int m) {
        Objects.requireNonNull(user, "user");
        TextEncoder enc = encoder.orElseThrow(() -> new IllegalStateException(
                "this PostgreSQL history store keeps no vectors: open it with an encoder for dense retrieval"));
        if (vector.length != enc.dimension()) {
            throw new IllegalArgumentException("query vector of " + vector.length + " values: encoder " + enc.id()
                    + " gives " + enc.dimension());
        }
        if (m < 0) {
            throw new IllegalArgumentException("invalid m " + m + ": m is at least 0");
        }
        UserVectors snapshot = vectorsOf(user, enc.id());
        float[] q = UserVectors.normalize(vector.clone());
        List<Scored<HistoryItem>> scored = new ArrayList<>(snapshot.items().size());
        for (int i = 0; i < snapshot.items().size(); i++) {
            float[] v = snapshot.vectors()[i];
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += (double) q[j] * v[j];
            }
            scored.add(new Scored<>(snapshot.items().get(i), dot));
        }
        scored.sort(Comparator.<Scored<HistoryItem>>comparingDouble(s -> -s.score())
                .thenComparing(s -> s.value().id()));
        return List.copyOf(scored.subList(0, Math.min(m, scored.size())));
    }

    /**
     * How many users' vectors are held in memory for {@link #searchVector}.
     *
     * @return the number of cached users
     */
    public int cachedUsers() {
        synchronized (vectorCache) {
            return vectorCache.size();
        }
    }

    private UserVectors vectorsOf(UserId user, String encoderId) {
        return ConnectionWork.run(db, "read the vectors of user " + user, c -> {
            long revision = revisionOf(c, user);
            synchronized (vectorCache) {
                UserVectors hit = vectorCache.get(user);
                if (hit != null && hit.revision() == revision) {
                    return hit;
                }
            }
            // the items and their revision in one statement, hence one snapshot, so the cached vectors are those of
            // that revision; one round trip instead of a repeatable-read transaction's five
            List<HistoryItem> items = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            long current = revision;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ItemRows.COLUMNS + ", vector,"
                    + " (SELECT revision FROM hydra_user_revision WHERE user_id = ?)"
                    + " FROM hydra_history_item WHERE user_id = ? AND encoder_id = ?")) {
                ps.setString(1, user.value());
                ps.setString(2, user.value());
                ps.setString(3, encoderId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(ItemRows.read(rs));
                        vectors.add(UserVectors.normalize(FloatBytes.decode(rs.getBytes(9))));
                        current = rs.getLong(10);
                    }
                }
            }
            UserVectors fresh = new UserVectors(current, List.copyOf(items), vectors.toArray(float[][]::new));
            if (!items.isEmpty()) {
                // an empty read carries no revision of its own snapshot: not cached
                synchronized (vectorCache) {
                    vectorCache.put(user, fresh);
                }
            }
            return fresh;
        });
    }

    /**
     * Deletes the user's items and revision in one transaction, then vacuums the tables (plain {@code VACUUM}: other instances
     * go on reading and writing), so that once this returns no live or dead row of the user remains in the tables or
     * their indexes. What stays outside that guarantee (WAL, backups, freed page space) is listed in the README.
     *
     * @param user the user
     * @return how many entries were removed
     */
    @Override
    public int forgetUser(UserId user) {
        Objects.requireNonNull(user, "user");
        int removed = inTransaction("forget user " + user, c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hydra_history_item WHERE user_id = ?")) {
                ps.setString(1, user.value());
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hydra_user_revision WHERE user_id = ?")) {
                ps.setString(1, user.value());
                ps.executeUpdate();
            }
            return n;
        });
        synchronized (vectorCache) {
            vectorCache.remove(user);
        }
        // once this returns, the user's dead rows are gone from the tables and their indexes, not only invisible
        Vacuum.tables(db, "erase user " + user, "hydra_history_item", "hydra_user_revision");
        return removed;
    }

    /**
     * Vacuums the store's tables, so the dead rows of forgotten and replaced items are pruned from the tables and
     * their indexes. Plain {@code VACUUM}: it blocks no other instance's reads or writes. What it leaves (WAL
     * segments until recycled, backups, freed page space not yet reused) is listed in the README.
     */
    @Override
    public void compact() {
        Vacuum.tables(db, "compact the store", "hydra_history_item", "hydra_user_revision", "hydra_head");
    }

    @Override
    public void close() {
        synchronized (vectorCache) {
            vectorCache.clear();
        }
        if (ownsDatabase) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresHistoryStore[" + db.location() + ", encoder=" + encoder.map(TextEncoder::id).orElse("none")
                + "]";
    }

    /** Runs work in one transaction, again when the database aborts it for a deadlock or a serialization conflict. */
    private <T> T inTransaction(String what, ConnectionWork<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.on(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                boolean retry = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retry || attempt == ATTEMPTS) {
                    throw new HydraException("cannot " + what + " in " + db.location() + "; nothing was changed: "
                            + e.getMessage(), e);
                }
            }
        }
    }
}

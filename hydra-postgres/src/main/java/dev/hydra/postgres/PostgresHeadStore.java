package dev.hydra.postgres;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.postgres.internal.FloatBytes;
import dev.hydra.postgres.internal.HeadChangeListener;
import dev.hydra.postgres.internal.HeadChecksum;
import dev.hydra.postgres.internal.LruMap;
import dev.hydra.postgres.internal.Vacuum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A {@link HeadStore} in PostgreSQL: one row per (user, module) with a CRC32 checksum of its user, module, kind and
 * values, shared by every process that opens the same schema.
 *
 * <p>Loads go through an LRU cache. Every save, delete and forget announces the changed entry
 * ({@code NOTIFY hydra_head_changed}) in its transaction, and each store listens on its own connection and drops
 * what another instance changed; while the listener is not connected, nothing is served from the cache. A load
 * that raced a change is not cached. {@link #awaitChanges} waits until every change that other instances committed
 * before it has been heard, so that the next load returns them. A damaged row (checksum, length or a foreign user or module) throws
 * {@link CorruptDataException} naming the row. <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
public final class PostgresHeadStore implements HeadStore, AutoCloseable {

    /** The store's plugin name. */
    public static final String NAME = "postgres";

    /** How many heads the cache keeps by default. */
    public static final int DEFAULT_CACHED_HEADS = 10_000;

    private static final Pattern MODULE = Pattern.compile("[a-z0-9_-]{1,64}");

    /** The module part of a sync token's announcement: no module name can be it. */
    private static final String SYNC_MARK = "!sync";

    private final PostgresDatabase db;
    private final boolean ownsDatabase;
    private final String instance = UUID.randomUUID().toString();
    private final LruMap<String, HeadParameters> cache;
    private final HeadChangeListener listener;
    /** Counts invalidations, so a load that overlapped one does not cache what it read. */
    private long invalidations;
    /** The sync tokens of {@link #awaitChanges} that the listener heard back; guarded by itself. */
    private final Set<String> heardTokens = new HashSet<>();

    private PostgresHeadStore(PostgresDatabase db, boolean ownsDatabase, int cachedHeads) {
        this.db = Objects.requireNonNull(db, "db");
        this.ownsDatabase = ownsDatabase;
        this.cache = new LruMap<>(cachedHeads);
        this.listener = new HeadChangeListener("hydra-head-listener-" + db.schema(), this::listenConnection,
                this::changed, this::clear);
    }

    /**
     * Opens a store over a database that the caller keeps open, and closes after the store.
     *
     * @param db the database
     * @return the store
     */
    public static PostgresHeadStore open(PostgresDatabase db) {
        return new PostgresHeadStore(db, false, DEFAULT_CACHED_HEADS);
    }

    /**
     * Opens a store over its own pool to a database's default schema; closing the store closes the pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @return the store
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresHeadStore open(String jdbcUrl) {
        return open(jdbcUrl, PostgresDatabase.DEFAULT_SCHEMA);
    }

    /**
     * Opens a store over its own pool to one schema of a database; closing the store closes the pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
     * @param schema the schema; follows {@link PostgresDatabase#SCHEMA_RULE}
     * @return the store
     * @throws IllegalArgumentException when the URL or the schema breaks its rule
     * @throws HydraException when the database cannot be reached or migrated
     */
    public static PostgresHeadStore open(String jdbcUrl, String schema) {
        PostgresDatabase db = PostgresDatabase.open(jdbcUrl, schema, PostgresDatabase.DEFAULT_POOL_SIZE);
        return new PostgresHeadStore(db, true, DEFAULT_CACHED_HEADS);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Whether the store hears other instances' changes now, and so serves loads from its cache.
     *
     * @return true while its listener is connected
     */
    public boolean listening() {
        return listener.listening();
    }

    /**
     * Waits until this store has heard every head change that other instances committed before this call, so that
     * its next loads return them. A service that learns of another instance's save (from a message, say) calls
     * this before loading to read that save. It announces a token of its own on the change channel and waits until
     * its listener hears it back: PostgreSQL delivers notifications in the order their transactions committed, so
     * every earlier change was heard, and dropped from the cache, before it.
     *
     * @param timeout the longest wait
     * @return true when every earlier change was heard, or when the store is not listening (then loads read the
     *     database, not the cache); false when the token did not come back in time, or the wait was interrupted
     * @throws HydraException when the token cannot be announced
     * @since 0.3
     */
    public boolean awaitChanges(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!listener.listening()) {
            return true;
        }
        String token = UUID.randomUUID().toString();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, HeadChangeListener.CHANNEL);
            ps.setString(2, instance + ' ' + SYNC_MARK + '/' + token);
            ps.execute();
        } catch (SQLException e) {
            throw new HydraException("cannot announce a sync token in " + db.location() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (heardTokens) {
            while (!heardTokens.remove(token)) {
                long left = deadline - System.nanoTime();
                if (!listener.listening()) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
                try {
                    // woken when a token is heard; the bound re-checks the listener now and then
                    heardTokens.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The row that holds a user's head, as {@link CorruptDataException} names it.
     *
     * @param user the user
     * @param module the module
     * @return a description of the row
     */
    public String location(UserId user, String module) {
        return db.location() + " hydra_head[user_id=" + user.value() + ", module=" + checkModule(module) + "]";
    }

    @Override
    public Optional<HeadParameters> load(UserId user, String module) {
        Objects.requireNonNull(user, "user");
        String key = key(user, checkModule(module));
        long seen;
        synchronized (cache) {
            HeadParameters hit = listener.listening() ? cache.get(key) : null;
            if (hit != null) {
                return Optional.of(hit);
            }
            seen = invalidations;
        }
        Optional<HeadParameters> head = read(user, module);
        synchronized (cache) {
            if (head.isPresent() && invalidations == seen && listener.listening()) {
                cache.put(key, head.get());
            }
        }
        return head;
    }

    private Optional<HeadParameters> read(UserId user, String module) {
        byte[] bytes;
        String kind;
        long checksum;
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT kind, head, checksum, user_id, module FROM hydra_head WHERE user_id = ? AND module = ?")) {
            ps.setString(1, user.value());
            ps.setString(2, module);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                kind = rs.getString(1);
                bytes = rs.getBytes(2);
                checksum = rs.getLong(3);
            }
        } catch (SQLException e) {
            throw new HydraException("cannot load the " + module + " head of user " + user + " from " + db.location()
                    + ": " + e.getMessage(), e);
        }
        if (bytes.length % 4 != 0 || HeadChecksum.of(user.value(), module, kind, bytes) != checksum) {
            throw new CorruptDataException(location(user, module), "its checksum does not match its contents");
        }
        try {
            return Optional.of(new HeadParameters(kind, FloatBytes.decode(bytes)));
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(location(user, module), "it holds no valid head: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(UserId user, String module, HeadParameters head) {
        Objects.requireNonNull(user, "user");
        checkModule(module);
        Objects.requireNonNull(head, "head");
        byte[] bytes = FloatBytes.encode(head.values());
        long checksum = HeadChecksum.of(user.value(), module, head.kind(), bytes);
        write("save the " + module + " head of user " + user, user, module, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hydra_head VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (user_id, module) DO UPDATE SET kind = EXCLUDED.kind, head = EXCLUDED.head,"
                    + " checksum = EXCLUDED.checksum")) {
                ps.setString(1, user.value());
                ps.setString(2, module);
                ps.setString(3, head.kind());
                ps.setBytes(4, bytes);
                ps.setLong(5, checksum);
                ps.executeUpdate();
            }
            return 1;
        });
    }

    @Override
    public boolean delete(UserId user, String module) {
        Objects.requireNonNull(user, "user");
        checkModule(module);
        return write("delete the " + module + " head of user " + user, user, module, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hydra_head WHERE user_id = ? AND module = ?")) {
                ps.setString(1, user.value());
                ps.setString(2, module);
                return ps.executeUpdate();
            }
        }) > 0;
    }

    @Override
    public List<UserId> users(String module) {
        checkModule(module);
        TreeSet<UserId> users = new TreeSet<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT user_id FROM hydra_head WHERE module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(UserId.of(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new HydraException("cannot list the users of module " + module + " in " + db.location() + ": "
                    + e.getMessage(), e);
        }
        return List.copyOf(users);
    }

    /**
     * Deletes the user's heads in one transaction, then vacuums the tables (plain {@code VACUUM}: other instances
     * go on reading and writing), so that once this returns no live or dead row of the user remains in the tables or
     * their indexes. What stays outside that guarantee (WAL, backups, freed page space) is listed in the README.
     *
     * @param user the user
     * @return how many entries were removed
     */
    @Override
    public int forgetUser(UserId user) {
        Objects.requireNonNull(user, "user");
        int removed = write("forget the heads of user " + user, user, null, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hydra_head WHERE user_id = ?")) {
                ps.setString(1, user.value());
                return ps.executeUpdate();
            }
        });
        // once this returns, the user's dead rows are gone from the table and its indexes, not only invisible
        Vacuum.tables(db, "erase the heads of user " + user, "hydra_head");
        return removed;
    }

    /** Stops listening; closes the pool when the store opened it. */
    @Override
    public void close() {
        listener.close();
        clear();
        if (ownsDatabase) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresHeadStore[" + db.location() + "]";
    }

    /** Work in a transaction. */
    @FunctionalInterface
    private interface Work {
        int on(Connection c) throws SQLException;
    }

    /** Runs a change and announces it in the same transaction; module null means every module of the user. */
    private int write(String what, UserId user, String module, Work work) {
        int result;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                result = work.on(c);
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    ps.setString(1, HeadChangeListener.CHANNEL);
                    ps.setString(2, instance + ' ' + (module == null ? "" : module) + '/' + user.value());
                    ps.execute();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            invalidate(user, module);
            throw new HydraException("cannot " + what + " in " + db.location() + "; the earlier entry is kept: "
                    + e.getMessage(), e);
        }
        invalidate(user, module);
        return result;
    }

    /** Takes an announcement: {@code <instance> <module or empty>/<user id>}. */
    private void changed(String payload) {
        int space = payload.indexOf(' ');
        int slash = payload.indexOf('/', space + 1);
        if (space < 0 || slash < 0) {
            clear();
            return;
        }
        String module = payload.substring(space + 1, slash);
        boolean own = payload.substring(0, space).equals(instance);
        if (module.equals(SYNC_MARK)) {
            if (own) {
                synchronized (heardTokens) {
                    heardTokens.add(payload.substring(slash + 1));
                    heardTokens.notifyAll();
                }
            }
            return;
        }
        if (own) {
            return; // this store invalidated it already
        }
        invalidate(UserId.of(payload.substring(slash + 1)), module.isEmpty() ? null : module);
    }

    private void invalidate(UserId user, String module) {
        synchronized (cache) {
            invalidations++;
            if (module != null) {
                cache.remove(key(user, module));
            } else {
                cache.keySet().removeIf(k -> k.substring(k.indexOf('/') + 1).equals(user.value()));
            }
        }
    }

    private void clear() {
        synchronized (cache) {
            invalidations++;
            cache.clear();
        }
    }

    private Connection listenConnection() {
        try {
            return db.connection();
        } catch (SQLException e) {
            throw new HydraException("cannot open a connection to listen for head changes in " + db.location()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String key(UserId user, String module) {
        return module + '/' + user.value();
    }

    private static String checkModule(String module) {
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("invalid module " + (module == null ? "null" : '"' + module + '"')
                    + ": a module name is 1 to 64 characters of [a-z0-9_-]");
        }
        return module;
    }
}

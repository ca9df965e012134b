package dev.hydra.heads;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.heads.internal.AtomicFiles;
import dev.hydra.heads.internal.ByteLru;
import dev.hydra.heads.internal.HeadFileFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The default {@link HeadStore} (name {@code "file"}): one file per user and module,
 * {@code DIR/heads/<module>/<sha-256 hex of the user id>.head}, in a versioned binary format with a CRC32
 * checksum (magic {@code "HYHD"}, format version, module, user id, kind, values).
 *
 * <p>Writes are atomic (temporary file, fsync, atomic rename, fsync of the directory). Loaded heads are kept
 * in an LRU cache bounded by bytes; a cached head is served only while its file keeps its size and
 * modification time (one {@code stat} per load), so a file changed by another process is read again. A damaged, truncated or foreign file fails with a
 * {@link CorruptDataException} naming the file and the reason. <b>Thread-safety:</b> safe for concurrent
 * use within one process; writers of one user and module are serialized.
 *
 * @since 0.1
 */
public final class FileHeadStore implements HeadStore {

    /** The default bound of the cache of loaded heads: 64 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    /** The suffix of head files. */
    public static final String SUFFIX = ".head";

    private static final Pattern MODULE = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final System.Logger LOG = System.getLogger(FileHeadStore.class.getName());

    private final Path root;
    private final ByteLru<String, Cached> cache;
    private final Object[] locks = new Object[64];

    /**
     * Creates a store with the default cache bound.
     *
     * @param dir the directory that holds (or will hold) {@code heads/}; never {@code null}
     */
    public FileHeadStore(Path dir) {
        this(dir, DEFAULT_CACHE_BYTES);
    }

    /**
     * Creates a store.
     *
     * @param dir the directory that holds (or will hold) {@code heads/}; never {@code null}
     * @param cacheBytes the most bytes of loaded heads kept in memory, at least 0
     */
    public FileHeadStore(Path dir, long cacheBytes) {
        this.root = dir.resolve("heads");
        this.cache = new ByteLru<>(cacheBytes, c -> 4L * c.head().size() + c.head().kind().length() + 96);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public String name() {
        return "file";
    }

    /**
     * The file that holds a user's head for a module (it may not exist).
     *
     * @param user the user
     * @param module the module
     * @return {@code DIR/heads/<module>/<sha-256 hex>.head}
     */
    public Path path(UserId user, String module) {
        return root.resolve(checkModule(module)).resolve(hash(user) + SUFFIX);
    }

    /**
     * The file that holds a user's head for a module in a store over a directory (it may not exist).
     *
     * @param dir the store's directory, as given to the constructor
     * @param user the user
     * @param module the module
     * @return {@code dir/heads/<module>/<sha-256 hex>.head}
     */
    public static Path fileOf(Path dir, UserId user, String module) {
        return dir.resolve("heads").resolve(checkModule(module)).resolve(hash(user) + SUFFIX);
    }

    /**
     * The bytes of loaded heads held in memory.
     *
     * @return the cache's size in bytes
     */
    public long cachedBytes() {
        return cache.bytes();
    }

    @Override
    public Optional<HeadParameters> load(UserId user, String module) {
        String key = module + '/' + user.value();
        Path file = path(user, module);
        Cached hit = cache.get(key);
        // a cached head is served only while its file is unchanged (same size and modification time), so a
        // file replaced or damaged behind the store's back is read again
        if (hit != null && hit.matches(stamp(file))) {
            return Optional.of(hit.head());
        }
        synchronized (lock(key)) {
            byte[] bytes;
            BasicFileAttributes stamp;
            try {
                stamp = Files.readAttributes(file, BasicFileAttributes.class);
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                cache.remove(key);
                return Optional.empty();
            } catch (IOException e) {
                throw new HydraException("cannot read the head of user " + user + " at " + file + ": " + e, e);
            }
            cache.remove(key);
            HeadFileFormat.Entry entry = HeadFileFormat.decode(bytes, file.toString());
            if (!entry.user().equals(user) || !entry.module().equals(module)) {
                throw new CorruptDataException(file.toString(), "holds the " + entry.module() + " head of user "
                        + entry.user() + ", not the " + module + " head of user " + user);
            }
            if (stamp.size() == bytes.length) {
                cache.put(key, new Cached(entry.head(), stamp.size(), stamp.lastModifiedTime()));
            }
            return Optional.of(entry.head());
        }
    }

    @Override
    public void save(UserId user, String module, HeadParameters head) {
        String key = module + '/' + user.value();
        Path file = path(user, module);
        byte[] bytes = HeadFileFormat.encode(module, user, head);
        synchronized (lock(key)) {
            try {
                AtomicFiles.write(file, bytes);
            } catch (IOException e) {
                throw new HydraException("cannot write the head of user " + user + " to " + file + ": " + e
                        + "; the earlier head is kept", e);
            }
            cache.remove(key);
            BasicFileAttributes stamp = stamp(file);
            if (stamp != null && stamp.size() == bytes.length) {
                cache.put(key, new Cached(head, stamp.size(), stamp.lastModifiedTime()));
            }
        }
    }

    @Override
    public boolean delete(UserId user, String module) {
        String key = module + '/' + user.value();
        Path file = path(user, module);
        synchronized (lock(key)) {
            cache.remove(key);
            try {
                boolean deleted = Files.deleteIfExists(file);
                AtomicFiles.syncDirectory(file.getParent());
                return deleted;
            } catch (IOException e) {
                throw new HydraException("cannot delete " + file + ": " + e, e);
            }
        }
    }

    @Override
    public List<UserId> users(String module) {
        Path dir = root.resolve(checkModule(module));
        List<UserId> users = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    HeadFileFormat.Entry entry = HeadFileFormat.decode(Files.readAllBytes(file), file.toString());
                    if (entry.module().equals(module)
                            && file.getFileName().toString().equals(hash(entry.user()) + SUFFIX)) {
                        users.add(entry.user());
                    }
                } catch (CorruptDataException | NoSuchFileException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping an unreadable head file: " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        users.sort(null);
        return users;
    }

    @Override
    public int forgetUser(UserId user) {
        String hash = hash(user);
        int deleted = 0;
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : modules) {
                String module = dir.getFileName().toString();
                synchronized (lock(module + '/' + user.value())) {
                    cache.remove(module + '/' + user.value());
                    if (Files.deleteIfExists(dir.resolve(hash + SUFFIX))) {
                        deleted++;
                    }
                    // a crash between write and rename may have left a temporary file of this user
                    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, hash + SUFFIX + ".*"
                            + AtomicFiles.TEMP_SUFFIX)) {
                        for (Path temp : temps) {
                            Files.deleteIfExists(temp);
                        }
                    }
                    AtomicFiles.syncDirectory(dir);
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new HydraException("cannot forget user " + user + " under " + root + ": " + e, e);
        }
        return deleted;
    }

    private static BasicFileAttributes stamp(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** A loaded head with the size and modification time of the file it came from. */
    private record Cached(HeadParameters head, long size, FileTime modified) {
        boolean matches(BasicFileAttributes stamp) {
            return stamp != null && stamp.size() == size && stamp.lastModifiedTime().equals(modified);
        }
    }

    private Object lock(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    private static String checkModule(String module) {
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("invalid module \"" + module + "\": 1 to 64 characters of [a-z0-9_-]");
        }
        return module;
    }

    /**
     * The SHA-256 hex digest of a user id, which names the user's files.
     *
     * @param user the user
     * @return 64 lowercase hex digits
     */
    public static String hash(UserId user) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(user.value().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

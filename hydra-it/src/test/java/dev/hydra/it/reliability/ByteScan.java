package dev.hydra.it.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** Reads every byte of every file under a folder and reports which canaries appear in them. */
final class ByteScan {

    private ByteScan() {}

    /**
     * The canaries of a set that appear, as bytes, in any file under a folder (file names included).
     *
     * @param root the folder
     * @param wanted the canaries to look for; each starts with {@code cnq} and has 16 characters
     * @return those found
     */
    static Set<String> find(Path root, Set<String> wanted) {
        Set<String> found = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                collect(file.getFileName().toString(), wanted, found);
                if (Files.isRegularFile(file)) {
                    collect(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), wanted, found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
        return found;
    }

    /** Counts the files under a folder (0 when it does not exist). */
    static long files(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the files in " + root, e);
        }
    }

    /** Counts the bytes under a folder. */
    static long size(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + root, e);
        }
    }

    /**
     * The canaries of a set that appear in a text.
     *
     * @param text the text
     * @param wanted the canaries to look for
     * @return those found
     */
    static Set<String> findIn(String text, Set<String> wanted) {
        Set<String> found = new HashSet<>();
        collect(text, wanted, found);
        return found;
    }

    private static void collect(String text, Set<String> wanted, Set<String> found) {
        for (int i = text.indexOf("cnq"); i >= 0 && i + 16 <= text.length(); i = text.indexOf("cnq", i + 1)) {
            String candidate = text.substring(i, i + 16);
            if (wanted.contains(candidate)) {
                found.add(candidate);
            }
        }
    }
}

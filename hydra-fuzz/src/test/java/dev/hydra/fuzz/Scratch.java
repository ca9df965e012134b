package dev.hydra.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder per target and JVM, deleted when the JVM ends: the readers under test read files. */
final class Scratch {

    private Scratch() {}

    /**
     * A fresh folder, deleted with its content at exit.
     *
     * @param name a prefix that says whose it is
     * @return the folder
     */
    static Path folder(String name) {
        try {
            Path dir = Files.createTempDirectory("hydra-fuzz-" + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes bytes to a file, creating its folder.
     *
     * @param file the file
     * @param bytes its new content
     */
    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}

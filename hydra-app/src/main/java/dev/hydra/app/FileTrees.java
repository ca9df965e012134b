package dev.hydra.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder trees the commands make and clear again (bench and check outputs). */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a folder with everything in it, deepest first; nothing happens when it does not exist.
     *
     * @param dir the folder
     * @throws IOException when a file cannot be deleted; the ones before it are gone
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.hydra.it.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The jars of the OSGi runtime, as the build lays them out in one directory: the bundles at its top, framework
 * extensions (SPI Fly) in {@code ext/}, and the example plugin in {@code plugins/}.
 *
 * @param directory the directory
 * @param extensions the framework extension jars, installed before the framework starts
 * @param bundles the bundle jars, sorted by file name
 * @param examplePlugin the example plugin's jar, installed and uninstalled by the check
 */
public record BundleSet(Path directory, List<Path> extensions, List<Path> bundles, Path examplePlugin) {

    /** The system property that points at the directory. */
    public static final String PROPERTY = "hydra.bundles";

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when there is no bundle
     */
    public BundleSet {
        Objects.requireNonNull(directory, "directory");
        extensions = List.copyOf(extensions);
        bundles = List.copyOf(bundles);
        Objects.requireNonNull(examplePlugin, "examplePlugin");
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("no bundle jar in " + directory);
        }
    }

    /**
     * Reads a bundle directory.
     *
     * @param dir the directory ({@code hydra-it/target/bundles})
     * @return the set
     * @throws IllegalStateException when the directory or the example plugin is missing; the message says how to
     *     build them
     */
    public static BundleSet in(Path dir) {
        Path plugin = dir.resolve("plugins/hydra-example-plugin.jar");
        if (!Files.isDirectory(dir) || !Files.isRegularFile(plugin)) {
            throw new IllegalStateException("no OSGi bundle set in " + dir.toAbsolutePath()
                    + "; build it with `mvn -DskipTests package` (hydra-it copies it to target/bundles)");
        }
        return new BundleSet(dir, jars(dir.resolve("ext")), jars(dir), plugin);
    }

    /**
     * Finds the bundle directory: the system property {@value #PROPERTY}, else
     * {@code <hydra.repo>/hydra-it/target/bundles} (set by {@code ./hydra}), else the same under the working
     * directory.
     *
     * @return the set
     * @throws IllegalStateException when none is there
     */
    public static BundleSet locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null) {
            return in(Path.of(explicit));
        }
        String repo = System.getProperty("hydra.repo", ".");
        return in(Path.of(repo, "hydra-it", "target", "bundles"));
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

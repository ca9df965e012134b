package dev.hydra.it.karaf;

import dev.hydra.it.karaf.probe.PersonalizeCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the compiled classes of {@link dev.hydra.it.karaf.probe} as a bundle jar with a hand-written manifest (no
 * bnd at test time): its activator registers the {@code hydra-probe:personalize} shell command.
 */
final class ProbeBundle {

    static final String SYMBOLIC_NAME = "hydra-karaf-probe";

    private ProbeBundle() {}

    /**
     * Writes the bundle.
     *
     * @param jar where
     * @return the jar
     * @throws IOException when the classes cannot be read or the jar written
     */
    static Path write(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(PersonalizeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String dir = PersonalizeCommand.class.getPackageName().replace('.', '/');
        List<Path> files;
        try (Stream<Path> s = Files.list(classes.resolve(dir))) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", PersonalizeCommand.class.getName());
        a.putValue("Import-Package", "dev.hydra.api,dev.hydra.api.spi,dev.hydra.core.osgi,dev.hydra.core.pipeline,"
                + "org.osgi.framework");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, mf)) {
            for (Path f : files) {
                zip.putNextEntry(new JarEntry(dir + "/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return jar;
    }
}

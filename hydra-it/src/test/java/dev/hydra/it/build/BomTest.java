package dev.hydra.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** hydra-bom lists every module users depend on, with the third-party versions the parent builds with. */
class BomTest {

    private static final Path ROOT = Path.of("..");

    /** Modules that are built but not published as libraries: examples, the plugin template, the consumer check, the fuzz targets. */
    private static final java.util.Set<String> UNPUBLISHED = java.util.Set.of(
            "hydra-examples", "hydra-example-plugin", "hydra-bom", "hydra-consumer-it", "hydra-fuzz");

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    private static Map<String, String> properties(String pom) {
        Map<String, String> out = new TreeMap<>();
        Matcher props = Pattern.compile("(?s)<properties>(.*?)</properties>").matcher(pom);
        if (props.find()) {
            Matcher m = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>").matcher(props.group(1));
            while (m.find()) {
                out.put(m.group(1), m.group(2).trim());
            }
        }
        return out;
    }

    @Test
    void should_list_every_published_module() throws IOException {
        // given
        String parent = read("pom.xml");
        String bom = read("hydra-bom/pom.xml");
        TreeSet<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(parent);
        while (m.find()) {
            modules.add(m.group(1));
        }
        modules.removeAll(UNPUBLISHED);
        // then
        for (String module : modules) {
            assertTrue(bom.contains("<artifactId>" + module + "</artifactId>"), "hydra-bom misses " + module);
        }
    }

    @Test
    void should_pin_the_versions_the_parent_builds_with() throws IOException {
        // given
        Map<String, String> parent = properties(read("pom.xml"));
        Map<String, String> bom = properties(read("hydra-bom/pom.xml"));
        // then
        assertTrue(bom.size() >= 5, "hydra-bom's properties: " + bom);
        bom.forEach((name, version) -> assertEquals(parent.get(name), version, "hydra-bom's " + name));
    }
}

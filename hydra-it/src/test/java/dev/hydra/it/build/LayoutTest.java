package dev.hydra.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps the module layout's arrows pointing one way, as the README's module table draws them:
 * {@code api <- core <- {retrievers, heads, langchain4j} <- minilm <- llamacpp <- app <- {eval, it} <- cli}.
 * A module may use (compile or runtime scope) only modules of a lower tier; tests may use the test kit and the
 * packaged bundles. Every module of the build must have a tier here, so that a new one is placed on purpose.
 */
class LayoutTest {

    /** The tier of each module whose code is published; lower tiers never use higher ones. */
    private static final Map<String, Integer> TIERS = Map.ofEntries(
            Map.entry("hydra-api", 0),
            Map.entry("hydra-core", 1), Map.entry("hydra-testkit", 1), Map.entry("hydra-example-plugin", 1),
            Map.entry("hydra-retrievers", 2), Map.entry("hydra-heads", 2), Map.entry("hydra-langchain4j", 2),
            Map.entry("hydra-micrometer", 2), Map.entry("hydra-postgres", 2),
            Map.entry("hydra-minilm", 3),
            Map.entry("hydra-llamacpp", 4), Map.entry("hydra-spring-boot-starter", 4),
            Map.entry("hydra-app", 5), Map.entry("hydra-examples", 5),
            Map.entry("hydra-eval", 6), Map.entry("hydra-it", 6), Map.entry("hydra-fuzz", 6),
            Map.entry("hydra-cli", 7));

    /**
     * Modules that only package or check others: bundles of third-party jars, the BOM, the Karaf features, the
     * consumer project.
     */
    private static final List<String> PACKAGING = List.of(
            "hydra-lc4j-bundle", "hydra-llm-bundle", "hydra-bom", "hydra-karaf-features", "hydra-consumer-it");

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void should_give_every_module_a_tier() throws Exception {
        // given
        TreeSet<String> modules = new TreeSet<>(modulesOf(ROOT.resolve("pom.xml")));

        // when
        TreeSet<String> placed = new TreeSet<>(TIERS.keySet());
        placed.addAll(PACKAGING);

        // then
        assertEquals(modules, placed, "a module of the root pom without a tier in LayoutTest, or one that left");
    }

    @Test
    void should_point_every_dependency_to_a_lower_tier() throws Exception {
        // when
        List<String> upward = upwardDependencies(ROOT, TIERS);

        // then
        assertTrue(upward.isEmpty(), "dependencies that do not point to a lower tier: " + upward);
    }

    @Test
    void should_report_an_arrow_back_up(@TempDir Path root) throws Exception {
        // given: core uses the app, two tiers above it; the app's test-scope use of the kit is fine
        pom(root.resolve("hydra-core"), "<dependency><groupId>dev.hydra</groupId><artifactId>hydra-app</artifactId>"
                + "</dependency>");
        pom(root.resolve("hydra-app"), "<dependency><groupId>dev.hydra</groupId><artifactId>hydra-core</artifactId>"
                + "</dependency><dependency><groupId>dev.hydra</groupId><artifactId>hydra-testkit</artifactId>"
                + "<scope>test</scope></dependency>");

        // when
        List<String> upward = upwardDependencies(root, Map.of("hydra-core", 1, "hydra-app", 5));

        // then
        assertEquals(List.of("hydra-core -> hydra-app (compile)"), upward);
    }

    private static List<String> upwardDependencies(Path root, Map<String, Integer> tiers) throws Exception {
        List<String> upward = new ArrayList<>();
        for (Map.Entry<String, Integer> module : new TreeMap<>(tiers).entrySet()) {
            for (String[] dependency : hydraDependencies(root.resolve(module.getKey()).resolve("pom.xml"))) {
                String artifact = dependency[0];
                String scope = dependency[1];
                Integer tier = tiers.get(artifact);
                if (!scope.equals("test") && (tier == null || tier >= module.getValue())) {
                    upward.add(module.getKey() + " -> " + artifact + " (" + scope + ")");
                }
            }
        }
        return upward;
    }

    private static void pom(Path module, String dependencies) throws IOException {
        Files.createDirectories(module);
        Files.writeString(module.resolve("pom.xml"), "<project><artifactId>" + module.getFileName()
                + "</artifactId><dependencies>" + dependencies + "</dependencies></project>");
    }

    @Test
    void should_keep_the_test_kit_and_junit_in_test_scope_below_the_cli() throws Exception {
        // given
        List<String> leaks = new ArrayList<>();

        // when
        for (String module : TIERS.keySet()) {
            for (String[] dependency : allDependencies(ROOT.resolve(module).resolve("pom.xml"))) {
                boolean testLibrary = dependency[0].equals("hydra-testkit") || dependency[0].startsWith("junit")
                        || dependency[0].startsWith("mockito");
                if (testLibrary && !dependency[1].equals("test") && !module.equals("hydra-testkit")) {
                    leaks.add(module + " -> " + dependency[0] + " (" + dependency[1] + ")");
                }
            }
        }

        // then
        assertTrue(leaks.isEmpty(), "test libraries outside test scope: " + leaks);
    }

    private static List<String> modulesOf(Path pom) throws Exception {
        List<String> out = new ArrayList<>();
        Element project = parse(pom);
        for (Element modules : children(project, "modules")) {
            for (Element module : children(modules, "module")) {
                out.add(module.getTextContent().trim());
            }
        }
        return out;
    }

    private static List<String[]> hydraDependencies(Path pom) throws Exception {
        List<String[]> out = new ArrayList<>();
        for (Element dependency : dependencies(pom)) {
            if (text(dependency, "groupId").equals("dev.hydra")) {
                out.add(new String[] {text(dependency, "artifactId"), scope(dependency)});
            }
        }
        return out;
    }

    private static List<String[]> allDependencies(Path pom) throws Exception {
        List<String[]> out = new ArrayList<>();
        for (Element dependency : dependencies(pom)) {
            out.add(new String[] {text(dependency, "artifactId"), scope(dependency)});
        }
        return out;
    }

    private static List<Element> dependencies(Path pom) throws Exception {
        List<Element> out = new ArrayList<>();
        for (Element dependencies : children(parse(pom), "dependencies")) {
            out.addAll(children(dependencies, "dependency"));
        }
        return out;
    }

    private static String scope(Element dependency) {
        String scope = text(dependency, "scope");
        return scope.isEmpty() ? "compile" : scope;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element parse(Path pom) throws Exception {
        if (!Files.isRegularFile(pom)) {
            throw new IOException("no pom at " + pom + ": run the tests from the module folder (Maven does)");
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }
}

package dev.hydra.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the OSGi metadata of every Hydra module on this module's class path: a bundle per module, versioned
 * API exports, no exported internal package, and no package split across two modules.
 */
class BundlesTest {

    private static final List<String> MODULES = List.of(
            "hydra-api", "hydra-core", "hydra-testkit", "hydra-retrievers", "hydra-heads", "hydra-langchain4j",
            "hydra-minilm", "hydra-llamacpp", "hydra-postgres", "hydra-app");

    private static final Map<String, Path> modules = new TreeMap<>();

    @BeforeAll
    static void findModules() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            for (String module : MODULES) {
                String s = p.toString();
                if (s.contains(File.separator + module + File.separator)
                        && (s.endsWith(".jar") || s.endsWith("classes"))) {
                    modules.put(module, p);
                }
            }
        }
    }

    @Test
    void should_see_every_module() {
        assertEquals(new TreeSet<>(MODULES), modules.keySet(), "class path: " + modules);
    }

    @Test
    void should_import_no_llm_client_nor_onnx_into_the_decorator() throws IOException {
        String imports = manifest(modules.get("hydra-langchain4j")).getMainAttributes().getValue("Import-Package");
        assertFalse(imports.contains("resolution:=optional"), imports);
        for (String pkg : List.of("de.kherud.llama", "dev.langchain4j.model.openai", "ai.onnxruntime", "ai.djl")) {
            assertFalse(imports.contains(pkg), "hydra-langchain4j imports " + pkg);
        }
    }

    @Test
    void should_embed_flyway_privately_in_hydra_postgres_and_import_the_driver_and_the_pool() throws IOException {
        // Flyway has no OSGi headers and finds its PostgreSQL support through the loader of its own classes: both
        // jars ride on hydra-postgres's Bundle-ClassPath, private; pgjdbc and HikariCP are bundles, imported
        var attributes = manifest(modules.get("hydra-postgres")).getMainAttributes();
        String classPath = attributes.getValue("Bundle-ClassPath");
        assertTrue(
                classPath.contains("lib/flyway-core.jar") && classPath.contains("lib/flyway-database-postgresql.jar"),
                classPath);
        String imports = attributes.getValue("Import-Package");
        assertFalse(imports.contains("org.flywaydb"), imports);
        assertFalse(attributes.getValue("Export-Package").contains("org.flywaydb"),
                attributes.getValue("Export-Package"));
        for (String pkg : List.of("org.postgresql;", "com.zaxxer.hikari;")) {
            String clause = clauses(imports).stream().filter(c -> c.startsWith(pkg)).findFirst().orElse("none");
            assertFalse(clause.equals("none") || clause.contains("resolution:=optional"), pkg + " import: " + clause);
        }
    }

    @Test
    void should_resolve_where_services_are_checked_and_system_packages_are_few() throws IOException {
        // Karaf's feature resolver checks mandatory service requirements (hydra-core's pipeline needs the plugin
        // registry, which hydra-core registers by hand) and its system packages leave out com.sun.management
        String core = manifest(modules.get("hydra-core")).getMainAttributes().getValue("Provide-Capability");
        assertTrue(core.contains("objectClass:List<String>=\"dev.hydra.core.registry.PluginRegistry\""), core);
        String imports = manifest(modules.get("hydra-retrievers")).getMainAttributes().getValue("Import-Package");
        String clause = clauses(imports).stream().filter(c -> c.startsWith("com.sun.management")).findFirst()
                .orElse("com.sun.management;resolution:=optional");
        assertTrue(clause.contains("resolution:=optional"), "hydra-retrievers imports " + clause);
    }

    @Test
    void should_make_every_module_a_bundle_named_after_its_artifact() throws IOException {
        for (Map.Entry<String, Path> e : modules.entrySet()) {
            Manifest mf = manifest(e.getValue());
            assertEquals(e.getKey(), mf.getMainAttributes().getValue("Bundle-SymbolicName"), e.getKey());
        }
    }

    @Test
    void should_export_api_packages_with_versions_and_never_internal_ones() throws IOException {
        for (Map.Entry<String, Path> e : modules.entrySet()) {
            String exports = manifest(e.getValue()).getMainAttributes().getValue("Export-Package");
            if (exports == null) {
                continue;
            }
            for (String clause : clauses(exports)) {
                String pkg = clause.split(";")[0];
                assertFalse(pkg.contains(".internal"), e.getKey() + " exports " + pkg);
                if (pkg.startsWith("dev.hydra")) {
                    assertTrue(clause.contains("version="), e.getKey() + " exports " + pkg + " without a version");
                }
            }
        }
        String apiExports = manifest(modules.get("hydra-api")).getMainAttributes().getValue("Export-Package");
        assertTrue(apiExports.contains("dev.hydra.api;version=\"0.1.0\""), apiExports);
        // 0.2: retrieve/rerank/score check, do* implement; 0.3: head architectures; 0.4: candidates as samples complete;
        // 0.5: HistoryStore.newest, a bounded window of a user's items
        assertTrue(apiExports.contains("dev.hydra.api.spi;version=\"0.6.0\""), apiExports);
    }

    @Test
    void should_not_split_a_package_across_modules() throws IOException {
        Map<String, Set<String>> owners = new TreeMap<>();
        for (Map.Entry<String, Path> e : modules.entrySet()) {
            for (String pkg : packages(e.getValue())) {
                owners.computeIfAbsent(pkg, k -> new TreeSet<>()).add(e.getKey());
            }
        }
        List<String> split = new ArrayList<>();
        owners.forEach((pkg, mods) -> {
            if (mods.size() > 1) {
                split.add(pkg + " in " + mods);
            }
        });
        assertTrue(split.isEmpty(), "split packages: " + split);
        assertTrue(owners.containsKey("dev.hydra.api.spi"), "the scan found no classes: " + owners.keySet());
    }

    /** Splits an OSGi header into its clauses, at commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static Manifest manifest(Path module) throws IOException {
        if (Files.isDirectory(module)) {
            try (InputStream in = Files.newInputStream(module.resolve("META-INF/MANIFEST.MF"))) {
                return new Manifest(in);
            }
        }
        try (JarFile jar = new JarFile(module.toFile())) {
            return jar.getManifest();
        }
    }

    private static Set<String> packages(Path module) throws IOException {
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(module)) {
            try (Stream<Path> files = Files.walk(module)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> out
                                .add(module.relativize(f.getParent()).toString().replace(File.separatorChar, '.')));
            }
            return out;
        }
        try (JarFile jar = new JarFile(module.toFile())) {
            jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && n.startsWith("dev/") && n.indexOf('/') > 0)
                    .forEach(n -> out.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
        }
        return out;
    }
}

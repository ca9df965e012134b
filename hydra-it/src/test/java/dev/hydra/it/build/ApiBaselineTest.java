package dev.hydra.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API gate: every module that exports packages is baselined by bnd against the API the build recorded in
 * {@code src/test/resources/api-baseline}, so that an incompatible change to an exported package fails the build
 * unless the package's version ({@code @Version} in its package-info.java) is raised (major for a removal or an
 * incompatible change, minor for an addition). After a deliberate, versioned change, re-record with
 * {@code mvn -B -pl hydra-it -am package -Dhydra.api.record=true -Dtest=ApiBaselineTest
 * -Dsurefire.failIfNoSpecifiedTests=false} and commit the JSON files.
 */
class ApiBaselineTest {

    /** The modules whose bundles export API packages. */
    private static final List<String> MODULES = List.of(
            "hydra-api", "hydra-core", "hydra-testkit", "hydra-retrievers", "hydra-heads", "hydra-langchain4j",
            "hydra-llamacpp");

    private static final Path RECORDED = Path.of("src/test/resources/api-baseline");
    private static final String RECORD = "mvn -B -pl hydra-it -am package -Dhydra.api.record=true "
            + "-Dtest=ApiBaselineTest -Dsurefire.failIfNoSpecifiedTests=false";

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
        assertEquals(MODULES.size(), modules.size(), "class path: " + modules);
    }

    @Test
    void should_raise_the_version_of_every_exported_package_whose_api_changed() throws Exception {
        // given
        boolean record = Boolean.getBoolean("hydra.api.record");
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Path> m : modules.entrySet()) {
            ApiBaseline current = ApiBaseline.of(m.getValue());
            Path file = RECORDED.resolve(m.getKey() + ".json");
            if (record) {
                current.write(file);
                continue;
            }
            assertTrue(Files.isRegularFile(file), "no recorded API for " + m.getKey() + " at " + file.toAbsolutePath()
                    + "; record it with: " + RECORD);
            // when
            mismatches.addAll(current.mismatchesAgainst(ApiBaseline.read(file)).stream()
                    .map(s -> m.getKey() + " " + s).toList());
        }
        // then
        if (!mismatches.isEmpty()) {
            fail("exported API changed without the version it needs:\n  " + String.join("\n  ", mismatches)
                    + "\nraise @Version in the package's package-info.java to the version named (a major for a removal "
                    + "or an incompatible change, a minor for an addition), then re-record the baseline with: "
                    + RECORD);
        }
    }

    @Test
    void should_fail_a_removed_method_unless_the_package_gets_a_major_version() throws Exception {
        // given: hydra-api as built, and the same API with one method of dev.hydra.api.spi removed
        ApiBaseline recorded = ApiBaseline.of(modules.get("hydra-api"));
        ApiBaseline changed = copy(recorded);
        Tree.Data type = typeWithMethods(pkg(changed.api(), "dev.hydra.api.spi"));
        List<Tree.Data> members = new ArrayList<>(Arrays.asList(type.children));
        members.remove(members.stream().filter(c -> c.type == Type.METHOD).findFirst().orElseThrow());
        type.children = members.toArray(new Tree.Data[0]);

        // when
        List<String> mismatches = changed.mismatchesAgainst(recorded);

        // then
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).startsWith("dev.hydra.api.spi: MAJOR change, version "), mismatches.get(0));
        assertTrue(mismatches.get(0).contains(" must be at least 1.0.0 "), mismatches.get(0));
        assertTrue(recorded.mismatchesAgainst(recorded).isEmpty(), "the API against itself");
    }

    @Test
    void should_fail_an_added_method_unless_the_package_version_is_raised() throws Exception {
        // given: hydra-api as built, and the same API with a method added to a type of dev.hydra.api
        ApiBaseline recorded = ApiBaseline.of(modules.get("hydra-api"));
        ApiBaseline changed = copy(recorded);
        Tree.Data type = typeWithMethods(pkg(changed.api(), "dev.hydra.api"));
        Tree.Data method = Arrays.stream(type.children).filter(c -> c.type == Type.METHOD).findFirst().orElseThrow();
        Tree.Data added = copy(method);
        added.name = "addedInThisTest" + method.name.substring(method.name.indexOf('('));
        List<Tree.Data> members = new ArrayList<>(Arrays.asList(type.children));
        members.add(added);
        type.children = members.toArray(new Tree.Data[0]);

        // when
        List<String> mismatches = changed.mismatchesAgainst(recorded);

        // then
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).startsWith("dev.hydra.api: "), mismatches.get(0));
        assertTrue(mismatches.get(0).contains("version 0.1.0 (recorded 0.1.0) must be at least 0.2.0"),
                mismatches.get(0));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApiBaseline copy(ApiBaseline api) throws Exception {
        return new ApiBaseline(api.exports(), copy(api.api()));
    }

    private static Tree.Data copy(Tree.Data data) throws Exception {
        return JSON.readValue(JSON.writeValueAsBytes(data), Tree.Data.class);
    }

    private static Tree.Data pkg(Tree.Data node, String name) {
        if (node.type == Type.PACKAGE && name.equals(node.name)) {
            return node;
        }
        for (Tree.Data child : node.children == null ? new Tree.Data[0] : node.children) {
            Tree.Data found = pkg(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Tree.Data typeWithMethods(Tree.Data pkg) {
        assertTrue(pkg != null, "the recorded API has no such package");
        return Arrays.stream(pkg.children)
                .filter(c -> c.children != null && Arrays.stream(c.children).anyMatch(m -> m.type == Type.METHOD))
                .findFirst().orElseThrow();
    }
}

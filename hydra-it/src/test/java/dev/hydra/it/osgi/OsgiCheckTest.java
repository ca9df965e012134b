package dev.hydra.it.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OSGi scenario of {@code hydra osgi check}, in the build: every bundle of target/bundles in Felix, one
 * personalization through the services, the example plugin installed, used, uninstalled.
 */
class OsgiCheckTest {

    @TempDir
    Path work;

    @Test
    void should_run_hydra_in_felix_with_a_plugin_that_comes_and_goes_a_trained_model_and_the_minilm_encoder()
            throws Exception {
        // given the bundle set that the build copied
        BundleSet set = BundleSet.locate();
        List<String> log = new ArrayList<>();
        // when
        OsgiCheckReport report = new OsgiCheck(set, work, log::add, true, false).run();
        Path file = OsgiCheck.write(report, work.resolve("out"));
        // then
        String why = report.notes() + "\n" + String.join("\n", log);
        assertEquals(set.bundles().size(), report.bundles(), why);
        assertEquals(report.bundles(), report.active(), why);
        assertTrue(report.personalized(), why);
        assertTrue(report.pluginUsed(), why);
        assertTrue(report.pluginRemoved(), why);
        assertTrue(report.langchain4j(), why);
        assertEquals(java.util.Optional.of(true), report.djl(), why);
        assertEquals(java.util.Optional.of(true), report.encoderActive(), why);
        assertEquals(java.util.Optional.of(true), report.modelLoaded(), why);
        assertEquals(java.util.Optional.of(true), report.modelUsed(), why);
        assertTrue(report.openai(), why);
        assertTrue(report.llamacpp().isEmpty(), why); // llama.cpp runs in `hydra osgi check`, not in the build
        assertTrue(report.passed(), why);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(report.bundles(), json.get("bundles").asInt());
        assertTrue(json.get("plugin_removed").asBoolean());
        assertTrue(json.get("start_seconds").asDouble() > 0);
        assertTrue(json.get("encoder_active").asBoolean() && json.get("model_loaded").asBoolean()
                && json.get("model_used").asBoolean(), json.toString());
        // the log is the evidence: print it in the build's test output
        log.forEach(line -> System.out.println("osgi: " + line));
    }

    @Test
    void should_fail_the_check_when_the_example_plugin_is_not_a_bundle() throws Exception {
        // given a set whose "plugin" is a jar without OSGi headers
        BundleSet real = BundleSet.locate();
        Path fake = work.resolve("not-a-bundle.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(fake))) {
            out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
            out.write("no manifest".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        BundleSet broken = new BundleSet(real.directory(), real.extensions(), real.bundles(), fake);
        // when
        OsgiCheckReport report = new OsgiCheck(broken, work, line -> {}, false, false).run();
        // then: the services still answer, but the plugin is neither used nor removed, and the notes say so; no
        // native probe ran (their libraries are bound to the first test's framework)
        assertTrue(report.personalized() && report.openai(), report.notes().toString());
        assertTrue(!report.pluginUsed() && !report.pluginRemoved() && !report.passed(), report.toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("plugin use")), report.notes().toString());
        assertTrue(report.encoderActive().isEmpty() && report.modelLoaded().isEmpty(), report.toString());
    }
}

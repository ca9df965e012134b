package dev.hydra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.app.FileTrees;
import dev.hydra.it.osgi.BundleSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The parts of {@code hydra osgi} that need no framework: configuration files, the bundle set, the usage. */
class OsgiCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_group_configuration_properties_by_pid() throws Exception {
        // given
        Path file = dir.resolve("hydra-osgi.properties");
        Files.writeString(file, "dev.hydra.pipeline/backend=scripted\ndev.hydra.pipeline/m=5\n"
                + "dev.hydra.history.lucene/path=/tmp/h\n"
                + "dev.hydra.model~main/model.dir=/m/lamp5\n"
                + "dev.hydra.model~main/encoder.target=(hydra.plugin.name=x)\n");
        // when
        Map<String, Map<String, Object>> pids = OsgiCommand.Run.configurations(file);
        // then
        assertEquals(Map.of("backend", "scripted", "m", "5"), pids.get("dev.hydra.pipeline"));
        assertEquals(Map.of("path", "/tmp/h"), pids.get("dev.hydra.history.lucene"));
        assertEquals(Map.of("model.dir", "/m/lamp5", "encoder.target", "(hydra.plugin.name=x)"),
                pids.get("dev.hydra.model~main"));
    }

    @Test
    void should_refuse_a_key_without_pid_and_property() throws Exception {
        // given
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "backend=scripted\n");
        // when / then
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> OsgiCommand.Run.configurations(file));
        assertTrue(e.getMessage().contains("\"backend\""), e.getMessage());
    }

    @Test
    void should_say_how_to_build_the_bundle_set_when_it_is_missing() {
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BundleSet.in(dir.resolve("none")));
        // then
        assertTrue(e.getMessage().contains("mvn -DskipTests package"), e.getMessage());
    }

    @Test
    void should_delete_a_framework_cache_tree() throws Exception {
        // given
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("bundle1/version0.0"));
        Files.writeString(cache.resolve("bundle1/version0.0/bundle.jar"), "x");
        // when
        FileTrees.delete(cache);
        FileTrees.delete(cache); // a second time: nothing left, no error
        // then
        assertTrue(Files.notExists(cache));
    }

    @Test
    void should_list_check_and_run_in_the_usage() {
        // given
        StringWriter out = new StringWriter();
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        // when
        int code = cli.execute("osgi");
        // then
        assertEquals(0, code);
        assertTrue(out.toString().contains("check") && out.toString().contains("run"), out.toString());
    }
}

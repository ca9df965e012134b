package dev.hydra.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer projects that the invoker built (target/its): readme-consumer resolved this build's versions through
 * the BOM, its class path holds no native code, and the README's code personalizes for two users; encoder-consumer,
 * which asks for the default encoder too, gets the BOM's ONNX Runtime and no LLM engine.
 */
class ConsumerProjectIT {

    private static final Path CONSUMER = Path.of(System.getProperty("hydra.consumer", "target/its/readme-consumer"));
    private static final Pattern LISTED = Pattern
            .compile("^\\s*([\\w.-]+):([\\w.-]+):[\\w-]+(?::[\\w.-]+)?:([\\w.-]+):(\\w+)");

    /** The consumer's runtime class path, as its build wrote it. */
    private static List<Path> classPath;

    @BeforeAll
    static void read_the_consumers_build() throws IOException {
        assertTrue(Files.isRegularFile(CONSUMER.resolve("target/classpath.txt")),
                "the invoker did not build the consumer project (see " + CONSUMER + "/build.log)");
        classPath = new ArrayList<>();
        for (String entry : Files.readString(CONSUMER.resolve("target/classpath.txt")).strip()
                .split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
    }

    /** groupId:artifactId to version, of the consumer's runtime dependencies. */
    private static Map<String, String> resolved() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(CONSUMER.resolve("target/dependencies.txt"))) {
            Matcher m = LISTED.matcher(line);
            if (m.find()) {
                out.put(m.group(1) + ":" + m.group(2), m.group(3));
            }
        }
        return out;
    }

    /** A property of hydra-bom's pom. */
    private static String bomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
                .matcher(Files.readString(Path.of("../hydra-bom/pom.xml")));
        assertTrue(m.find(), "hydra-bom has no property " + name);
        return m.group(1);
    }

    @Test
    void should_resolve_the_versions_of_the_bom() throws IOException {
        // when
        Map<String, String> versions = resolved();
        // then
        String langchain4j = bomProperty("langchain4j.version");
        String jackson = bomProperty("jackson.version");
        assertEquals(langchain4j, versions.get("dev.langchain4j:langchain4j-core"), "langchain4j-core: " + versions);
        assertEquals(langchain4j, versions.get("dev.langchain4j:langchain4j"), "langchain4j: " + versions);
        assertEquals(jackson, versions.get("com.fasterxml.jackson.core:jackson-databind"),
                "jackson-databind: " + versions);
        assertEquals(jackson, versions.get("com.fasterxml.jackson.core:jackson-core"), "jackson-core: " + versions);
        assertEquals(bomProperty("lucene.version"), versions.get("org.apache.lucene:lucene-core"),
                "lucene: " + versions);
        versions.forEach((ga, version) -> {
            if (ga.startsWith("dev.hydra:")) {
                assertEquals(System.getProperty("hydra.version"), version, ga);
            }
        });
        System.out.println("consumer resolved: " + versions);
    }

    @Test
    void should_give_the_encoder_the_boms_onnx_runtime_and_no_llm_engine() throws IOException {
        // given
        Path tree = CONSUMER.resolveSibling("encoder-consumer").resolve("target/tree.txt");
        assertTrue(Files.isRegularFile(tree), "the invoker did not build encoder-consumer");
        // when
        String text = Files.readString(tree);
        // then
        String onnx = "com.microsoft.onnxruntime:onnxruntime:jar:" + bomProperty("onnxruntime.version") + ":";
        assertTrue(text.contains(onnx), "not " + onnx + " in\n" + text);
        assertTrue(!text.contains("de.kherud:") && !text.contains("ai.djl.pytorch:"), "an LLM engine in\n" + text);
    }

    @Test
    void should_take_hydra_from_this_build_and_no_native_engine() throws IOException {
        // given
        Path localRepo = Path.of(System.getProperty("hydra.localRepo", "target/local-repo")).toAbsolutePath()
                .normalize();
        long bytes = 0;
        // then
        for (Path jar : classPath) {
            String name = jar.toString().replace('\\', '/');
            if (name.contains("/dev/hydra/")) {
                assertTrue(jar.toAbsolutePath().normalize().startsWith(localRepo), "not this build's: " + jar);
            }
            for (String engine : List.of("/de/kherud/", "/ai/djl/", "/com/microsoft/onnxruntime/",
                    "/dev/langchain4j/langchain4j-open-ai")) {
                assertTrue(!name.contains(engine), "a model runtime on the consumer's class path: " + jar);
            }
            assertEquals(List.of(), nativeLibraries(jar), "native code on the consumer's class path, in " + jar);
            bytes += Files.size(jar);
        }
        System.out.printf(Locale.ROOT, "consumer class path: %d jars, %.1f MB%n", classPath.size(), bytes / 1e6);
    }

    /** The native libraries a jar carries. */
    private static List<String> nativeLibraries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib")
                            || n.endsWith(".jnilib"))
                    .toList();
        }
    }

    @Test
    void should_personalize_the_readme_code_for_two_users(@TempDir Path workDir) throws Exception {
        // given
        String cp = CONSUMER.resolve("target/readme-consumer-1.0.jar").toAbsolutePath() + File.pathSeparator
                + String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
        Path log = workDir.resolve("out.txt");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-cp", cp, "ConsumerRun")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // when
        boolean ended = run.waitFor(2, TimeUnit.MINUTES);
        // then
        String out = Files.readString(log, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!ended) {
            run.destroyForcibly();
        }
        assertTrue(ended, "the consumer did not end within 2 minutes: " + out);
        assertEquals(0, run.exitValue(), out);
        assertTrue(out.contains("José: Tyre-rific!\n"), "José's answer from his own history: " + out);
        assertTrue(out.contains("alice smith: On Tyres\n"), "alice's answer from her own history: " + out);
        assertTrue(out.contains("delegateCalls=2\n"), "one call of the model per request (no adapter): " + out);
        assertTrue(out.contains("delegateSawUserId=false\n"), "the model never sees a user id: " + out);
        assertTrue(out.contains("historyJose=2\n") && out.contains("historyAlice=2\n"), "recordAccepted: " + out);
        System.out.println("consumer run:\n" + out);
    }
}

package dev.hydra.it.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hydra.it.osgi.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hydra's Karaf features in a real Apache Karaf (the distribution from Maven Central, unpacked by the build's
 * {@code karaf} profile): {@code feature:install -r hydra}, then {@code -r hydra-llm} (no automatic refresh: the
 * native bundles must never be refreshed), every bundle Active, and one personalized call through the pipeline
 * service, configured by {@code .cfg} files in {@code etc/} as a Karaf user would, with the testkit's scripted black
 * box; then the pipeline switched by {@code config:property-set} to hydra-llm's OpenAI client (against a fake
 * OpenAI-compatible server on the loopback interface) and a second call through it. Run with {@code mvn -Pkaraf -pl hydra-it -am verify -Dtest=KarafFeaturesTest}.
 */
class KarafFeaturesTest {

    /** The unpacked distribution, set by the profile. */
    static final String HOME = "hydra.karaf.home";
    /** The Maven-layout folder of the bundles to install, filled by the profile. */
    static final String REPOSITORY = "hydra.karaf.repository";

    private static final Duration INSTALL = Duration.ofMinutes(5);
    private static final Duration COMMAND = Duration.ofMinutes(3);
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(90);
    /** The bundles the two features must bring, by symbolic name. */
    private static final Set<String> HYDRA_BUNDLES = Set.of("hydra-api", "hydra-core", "hydra-retrievers",
            "hydra-heads", "hydra-langchain4j", "hydra-minilm", "dev.langchain4j.core", "hydra-llm-bundle",
            "hydra-llamacpp", "org.apache.felix.scr", "com.fasterxml.jackson.core.jackson-databind",
            "com.google.gson");
    /** The test-only bundles: the scripted black box (hydra-testkit) and the JUnit API it imports. */
    private static final List<String> TEST_BUNDLES = List.of("opentest4j", "apiguardian-api",
            "junit-platform-commons", "junit-jupiter-api", "junit-jupiter-params", "hydra-testkit");

    @Test
    void should_install_the_features_without_refresh_and_personalize_a_request() throws Exception {
        // given
        Path home = distribution();
        Path repository = Path.of(System.getProperty(REPOSITORY, "target/karaf-repo"));
        Path base = Path.of("target", "karaf-run").toAbsolutePath();
        Path probe = ProbeBundle.write(base.resolveSibling("karaf-probe").resolve("hydra-karaf-probe.jar"));
        String openAiAnswer = "Tubeless, says the OpenAI-compatible server";
        try (FakeOpenAiServer openAi = FakeOpenAiServer.start(openAiAnswer)) {
            run(home, repository, base, probe, openAi, openAiAnswer);
        }
    }

    private static void run(Path home, Path repository, Path base, Path probe, FakeOpenAiServer openAi,
            String openAiAnswer) throws Exception {
        Map<String, Map<String, String>> configs = Map.of(
                // hydra-llm's LLM component, an OpenAI client (factory PID dev.hydra.llm, instance "fake")
                "dev.hydra.llm-fake", Map.of("llm", "openai:" + openAi.baseUrl() + "#fake-model"),
                "dev.hydra.history.lucene", Map.of("path", base.resolve("history").toString()),
                "dev.hydra.testkit.scripted", Map.of("answer", "Tubeless, always"),
                "dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend", "scripted",
                        "task", "chat", "m", "5", "k", "2", "n", "2"));
        long t0 = System.nanoTime();
        try (KarafProcess karaf = KarafProcess.prepare(home, base, repository, configs).start()) {
            awaitBoot(karaf);
            log("Karaf up", t0);

            // when
            karaf.shell("feature:repo-add mvn:dev.hydra/hydra-karaf-features/" + version() + "/xml/features",
                    COMMAND);
            long t1 = System.nanoTime();
            karaf.shell("feature:install -r hydra", INSTALL);
            karaf.shell("feature:install -r hydra-llm", INSTALL);
            log("feature:install -r hydra, hydra-llm", t1);
            List<String> urls = new ArrayList<>();
            for (String artifact : TEST_BUNDLES) {
                urls.add(find(repository, artifact).toUri().toString());
            }
            urls.add(probe.toUri().toString());
            karaf.shell("bundle:install -s " + String.join(" ", urls), COMMAND);
            String answer = personalize(karaf, "Tubeless, always");
            // the same pipeline switched to hydra-llm's OpenAI client through Configuration Admin's shell command
            karaf.shell("config:property-set -p dev.hydra.pipeline backend openai", COMMAND);
            String openAiLine = personalize(karaf, openAiAnswer);
            List<String> requests = openAi.requests();
            String bundles = karaf.shell("bundle:list -t 0 -s --no-format", COMMAND);
            // a failed command fails the step (the client's exit code), with Karaf's message
            IllegalStateException unknown = assertThrows(IllegalStateException.class,
                    () -> karaf.shell("feature:install -r hydra-no-such-feature", COMMAND));
            log("personalized: " + answer + "; all done", t0);

            // then
            Map<String, String[]> states = states(bundles);
            List<String> notActive = new ArrayList<>();
            states.forEach((name, idState) -> {
                if (!idState[1].equals("active") && !isFragment(karaf, idState[0])) {
                    notActive.add(name + " (" + idState[0] + "): " + idState[1]);
                }
            });
            assertTrue(notActive.isEmpty(), "bundles not active: " + notActive + "\n" + bundles);
            for (String name : HYDRA_BUNDLES) {
                assertTrue(states.containsKey(name), "the features did not install " + name + ":\n" + bundles);
            }
            assertTrue(unknown.getMessage().contains("hydra-no-such-feature"), unknown.getMessage());
            assertTrue(openAiLine.contains("|used=ana/") && openAiLine.endsWith("|degradations=[]"), openAiLine);
            assertEquals(2, requests.size(), "N = 2 samples, one HTTP request each: " + requests);
            assertTrue(requests.get(0).contains("Tubeless tyres, 40 mm"), "no demonstration in " + requests.get(0));
            assertTrue(answer.startsWith("answer=Tubeless, always|used=ana/"), answer);
            assertTrue(answer.contains("|degradations=[]"), answer);
            String used = answer.substring(answer.indexOf("|used=") + 6, answer.indexOf("|degradations="));
            assertEquals(2, used.split(",").length, "demonstrations of " + answer);
            assertTrue(Stream.of(used.split(",")).allMatch(u -> u.startsWith("ana/")),
                    "another user's item: " + answer);
        }
    }

    private static Path distribution() throws IOException {
        String home = System.getProperty(HOME);
        Path dir = home == null ? null : Path.of(home);
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("lib/boot")),
                "no Karaf distribution in " + dir + " (system property " + HOME + "): run with -Pkaraf, which "
                        + "unpacks org.apache.karaf:apache-karaf:tar.gz from Maven there");
        return dir.toAbsolutePath();
    }

    private static String version() {
        String v = System.getProperty("hydra.version");
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property hydra.version unset: run through Maven (-Pkaraf)");
        }
        return v;
    }

    /** Waits until the boot features are installed (the last one, kar, is Started). */
    private static void awaitBoot(KarafProcess karaf) {
        long deadline = System.nanoTime() + COMMAND.toNanos();
        String features = "";
        while (System.nanoTime() < deadline) {
            features = karaf.shell("feature:list -i --no-format", COMMAND);
            if (features.lines().anyMatch(l -> l.startsWith("kar ") && l.contains("Started"))) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("Karaf's boot features not started in " + COMMAND + ":\n" + features);
    }

    /**
     * Runs the probe command for ana until the pipeline answers as expected: Declarative Services activates the
     * pipeline, and replaces it after a configuration change, a moment later.
     */
    private static String personalize(KarafProcess karaf, String expected) {
        long deadline = System.nanoTime() + SERVICE_WAIT.toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            try {
                out = karaf.shell("hydra-probe:personalize ana \"Which tyres should I buy for gravel?\"", COMMAND);
                String line = out.lines().filter(l -> l.startsWith("answer=" + expected + "|")).findFirst()
                        .orElse(null);
                if (line != null) {
                    return line.trim();
                }
            } catch (IllegalStateException e) {
                out = e.getMessage();
            }
            pause();
        }
        throw new AssertionError(
                "no personalized answer \"" + expected + "\" in " + SERVICE_WAIT + ": " + out + "\nKaraf's log:\n"
                        + karaf.logTail());
    }

    /**
     * Reads {@code bundle:list -t 0 -s --no-format}: ID, state, level, version and symbolic name, separated by tabs.
     *
     * @return symbolic name to {id, state in lower case}
     */
    private static Map<String, String[]> states(String list) {
        Map<String, String[]> out = new TreeMap<>();
        for (String line : list.lines().toList()) {
            String[] cols = line.trim().split("\\s*\\t\\s*");
            if (cols.length == 5 && cols[0].matches("\\d+")) {
                out.put(cols[4], new String[] {cols[0], cols[1].toLowerCase(Locale.ROOT)});
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no bundle in the output of bundle:list:\n" + list);
        }
        return out;
    }

    private static boolean isFragment(KarafProcess karaf, String id) {
        return karaf.shell("bundle:headers " + id, COMMAND).contains("Fragment-Host");
    }

    private static Path find(Path repository, String artifactId) throws IOException {
        try (Stream<Path> s = Files.walk(repository)) {
            return s.filter(f -> f.getFileName().toString().startsWith(artifactId + "-")
                    && f.getFileName().toString().endsWith(".jar") && f.getParent().getParent().getFileName()
                            .toString().equals(artifactId))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + artifactId + " jar in "
                            + repository + ": the karaf profile copies it there"));
        }
    }

    private static void log(String what, long since) {
        System.out.printf(Locale.ROOT, "karaf: %s in %.1f s%n", what, (System.nanoTime() - since) / 1e9);
    }

    /** Between two polls of the shell, each of which starts a JVM: not a race, a retry with a deadline. */
    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

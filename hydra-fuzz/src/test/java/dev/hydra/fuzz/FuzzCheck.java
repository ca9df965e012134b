package dev.hydra.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code hydra check fuzz}: runs every target with Jazzer for a given time, each in a JVM of its own on this
 * module's test class path, and adds {@code "fuzz"} to {@code DIR/reliability.json}: per target its executions,
 * coverage (libFuzzer's edges and features), new crashes and wrong accepts. A finding's input is saved beside
 * the target's committed seeds ({@code src/test/resources/dev/hydra/fuzz/<Target>Inputs/replay}), where
 * {@code mvn verify} replays it until it is fixed.
 *
 * <p>Arguments: the output folder, the seconds per target, and the repository's root.
 */
public final class FuzzCheck {

    /** Every target, in the order they run. */
    static final List<Class<?>> TARGETS = List.of(JsonlHistoryFuzzTest.class, LampFilesFuzzTest.class,
            HeadFileFuzzTest.class, LlmCacheEntryFuzzTest.class, ModelManifestFuzzTest.class, LlmSpecFuzzTest.class,
            PipelineSettingsFuzzTest.class, RequestParametersFuzzTest.class);

    private FuzzCheck() {}

    /**
     * Runs the check.
     *
     * @param args the output folder, seconds per target, the repository's root
     * @throws Exception when a child JVM cannot be started or the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int seconds = Integer.parseInt(args[1]);
        Path repo = Path.of(args[2]);
        PrintStream log = System.out;
        Map<String, Object> targets = new LinkedHashMap<>();
        long executions = 0;
        long crashes = 0;
        long wrong = 0;
        for (Class<?> target : TARGETS) {
            log.printf(Locale.ROOT, "fuzz: %s for %d s ...%n", target.getSimpleName(), seconds);
            FuzzRun run = run(target, seconds, out.resolve("fuzz-work"), repo);
            targets.put(target.getSimpleName(), run.asMap());
            executions += run.executions();
            crashes += run.newCrashes();
            wrong += run.wrongAccepts();
            log.printf(Locale.ROOT, "fuzz: %s: %,d executions, coverage %d edges, %d crashes, %d wrong accepts%n",
                    target.getSimpleName(), run.executions(), run.edges(), run.newCrashes(), run.wrongAccepts());
        }
        Map<String, Object> fuzz = new LinkedHashMap<>();
        fuzz.put("seconds_per_target", seconds);
        fuzz.put("executions", executions);
        fuzz.put("new_crashes", crashes);
        fuzz.put("wrong_accepts", wrong);
        fuzz.put("targets", targets);
        Path report = out.resolve("reliability.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        @SuppressWarnings("unchecked")
        Map<String, Object> all = Files.isRegularFile(report) ? json.readValue(report.toFile(), Map.class)
                : new LinkedHashMap<>();
        all.put("fuzz", fuzz);
        json.writeValue(report.toFile(), all);
        log.printf(Locale.ROOT, "fuzz: %,d executions in all, %d new crashes, %d wrong accepts; %s%n", executions,
                crashes, wrong, report);
        System.exit(crashes == 0 && wrong == 0 ? 0 : 1);
    }

    private static FuzzRun run(Class<?> target, int seconds, Path work, Path repo)
            throws IOException, InterruptedException {
        String name = target.getSimpleName();
        Path corpus = Files.createDirectories(work.resolve(name).resolve("corpus"));
        Path findings = Files.createDirectories(work.resolve(name).resolve("findings"));
        Path seeds = repo.resolve("hydra-fuzz/src/test/resources/dev/hydra/fuzz/" + name + "Inputs/replay");
        Path output = work.resolve(name).resolve("jazzer.log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.getName(), "--keep_going=20",
                "--instrumentation_includes=dev.hydra.**:com.fasterxml.jackson.**",
                "-max_total_time=" + seconds, "-rss_limit_mb=3072", "-timeout=20",
                "-artifact_prefix=" + findings + File.separator, corpus.toString()));
        if (Files.isDirectory(seeds)) {
            command.add(seeds.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        process.waitFor();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        FuzzRun run = FuzzRun.parse(lines);
        if (Files.isDirectory(seeds)) {
            try (Stream<Path> found = Files.list(findings)) {
                for (Path f : found.toList()) {
                    Files.copy(f, seeds.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return run;
    }
}

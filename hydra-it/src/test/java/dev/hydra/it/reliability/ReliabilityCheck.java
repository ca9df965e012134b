package dev.hydra.it.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.app.FileTrees;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the reliability scenarios of issues 10 and 22 (isolation under load, erasure and unlearning, crashes,
 * black-box faults, bad input, resource limits), each in a fresh home under {@code OUT/work}, and writes
 * {@code OUT/reliability.json}; with a PostgreSQL store (issue 20), users' state lives in the server and two instances
 * share it too.
 */
public final class ReliabilityCheck {

    private ReliabilityCheck() {}

    /**
     * Runs the check as {@code hydra check reliability} does, in a JVM of its own on this module's test class path:
     * prints {@code reliability.json} and exits 1 when a must-be-zero figure is not 0.
     *
     * @param args {@code OUT_DIR SEED small|full [STORE]}, STORE {@code lucene} (the default) or a
     *     {@code jdbc:postgresql://...} URL
     * @throws Exception when the check cannot run
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException("usage: ReliabilityCheck OUT_DIR SEED small|full [STORE]");
        }
        Path out = Path.of(args[0]);
        PrintWriter log = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        ScenarioStore stores = ScenarioStore.of(args.length == 4 ? args[3] : "lucene");
        Map<String, Object> result = run(out, stores, "small".equals(args[2]) ? Sizes.SMALL : Sizes.FULL,
                Long.parseLong(args[1]), log);
        System.out.println(Files.readString(out.resolve("reliability.json")));
        System.exit(failed(result) ? 1 : 0);
    }

    /**
     * Whether a figure that must be 0 is not.
     *
     * @param result the figures {@link #run} returned
     * @return whether the check failed
     */
    public static boolean failed(Map<String, Object> result) {
        return result.toString().matches(".*\\b(cross_user_leaks|forget_residue|canaries_visible_after"
                + "|vectors_visible_after|models_still_holding|llm_calls|lost_acknowledged|lost_requests|uncaught"
                + "|out_of_memory|hung|unclear_errors|partial_batches|foreign_items|revision_mismatches"
                + "|head_reads_stale)"
                + "=[1-9].*");
    }

    /**
     * Runs the check on the folders.
     *
     * @param out where {@code reliability.json} and the scenarios' homes go
     * @param sizes how big each scenario is
     * @param seed the seed of all data, schedules and failures
     * @param log hears progress
     * @return the figures, as written
     * @throws IOException when the output cannot be written
     * @throws InterruptedException when interrupted
     */
    public static Map<String, Object> run(Path out, Sizes sizes, long seed, PrintWriter log)
            throws IOException, InterruptedException {
        return run(out, ScenarioStore.LUCENE, sizes, seed, log);
    }

    /**
     * Runs the check. On PostgreSQL, the isolation, erasure, crash and bad-input scenarios keep users' state in the
     * server (each in a schema of its own), and two instances share one schema ({@link TwoInstancesScenario}).
     *
     * @param out where {@code reliability.json} and the scenarios' homes go
     * @param stores where users' state lives
     * @param sizes how big each scenario is
     * @param seed the seed of all data, schedules and failures
     * @param log hears progress
     * @return the figures, as written
     * @throws IOException when the output cannot be written
     * @throws InterruptedException when interrupted
     */
    static Map<String, Object> run(Path out, ScenarioStore stores, Sizes sizes, long seed, PrintWriter log)
            throws IOException, InterruptedException {
        Path work = out.resolve("work");
        FileTrees.delete(work);
        Files.createDirectories(work);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("store", stores.name());
        result.put("seed", seed);
        result.put("sizes", sizes);
        long start = System.nanoTime();
        result.put("isolation", timed(() -> IsolationScenario.run(work.resolve("isolation"), stores, sizes, seed,
                log)));
        Map<String, Object> erasure = timed(
                () -> ErasureScenario.run(work.resolve("erasure"), stores, sizes, seed, log));
        result.put("erasure", erasure);
        result.put("unlearning", erasure.remove("unlearning"));
        result.put("crashes", timed(() -> CrashScenario.run(work.resolve("crashes"), stores, sizes, seed, log)));
        if (stores.jdbcUrl().isPresent()) {
            result.put("two_instances", timed(() -> TwoInstancesScenario.run(work.resolve("two-instances"),
                    stores.jdbcUrl().get(), sizes, seed, log)));
        }
        result.put("faults", timed(() -> FaultScenario.run(work.resolve("faults"), sizes, seed, log)));
        result.put("bad_input", timed(() -> BadInputScenario.run(work.resolve("bad-input"), stores, sizes, seed,
                log)));
        result.put("limits", timed(() -> LimitsScenario.run(work.resolve("limits"), seed, log)));
        result.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("reliability.json").toFile(), result);
        FileTrees.delete(work);
        return result;
    }

    /** A scenario. */
    @FunctionalInterface
    private interface Scenario {
        Map<String, Object> run() throws IOException, InterruptedException;
    }

    private static Map<String, Object> timed(Scenario scenario) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>(scenario.run());
        figures.put("scenario_seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        return figures;
    }

}

package dev.hydra.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Role;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on the demo's movie-tagging users (as a "train" and a "dev" split) with a scripted black
 * box that copies its first demonstration's tag, or says "comedy" without one.
 */
class EvalRunTest {

    @TempDir
    Path home;

    private Path data;

    @BeforeEach
    void copyDemoDataAsATaskFolder() throws IOException {
        data = home.resolve("bench");
        Path task = Files.createDirectories(data.resolve("movie_tagging"));
        for (String[] pair : new String[][] {{"train", "train"}, {"test", "dev"}}) {
            for (String kind : List.of("questions", "outputs")) {
                try (InputStream in = getClass().getResourceAsStream(
                        "/dev/hydra/app/demo/" + pair[0] + "_" + kind + ".json")) {
                    Files.copy(in, task.resolve(pair[1] + "_" + kind + ".json"));
                }
            }
        }
    }

    private static String copyFirstDemonstration(Prompt p, int sample) {
        List<ChatTurn> turns = p.turns();
        return turns.size() > 1 && turns.get(1).role() == Role.ASSISTANT ? turns.get(1).text() : "comedy";
    }

    private EvalSettings settings(List<EvalMethod> methods, Path out) {
        return new EvalSettings(data, "dev", List.of("movie_tagging"), methods, 4, 4, 7L, 1, 1, 4, 4, 100, out);
    }

    private EvalReport run(EvalSettings settings, ScriptedLlmBackend llm, ByteArrayOutputStream log) {
        return new EvalRun(settings, home, llm, new PrintStream(log, true, StandardCharsets.UTF_8),
                ProgressListener.NONE).run();
    }

    @Test
    void should_report_every_method_and_resume_without_llm_calls() throws IOException {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback(EvalRunTest::copyFirstDemonstration).build();
        Path out = home.resolve("out");
        EvalSettings settings = settings(EvalMethod.parseList("all"), out);

        // when
        EvalReport first = run(settings, llm, new ByteArrayOutputStream());
        first.write(out);
        long calls = llm.calls();
        ByteArrayOutputStream secondLog = new ByteArrayOutputStream();
        EvalReport second = run(settings, llm, secondLog);

        // then
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("dev", json.get("split").asText());
        assertEquals(7, json.get("seed").asLong());
        assertEquals(EvalMethod.parseList("all").size(), json.get("results").size());
        List<String> methods = new ArrayList<>();
        for (JsonNode row : json.get("results")) {
            methods.add(row.get("method").asText());
            assertEquals("movie_tagging", row.get("task").asText());
            assertEquals(4, row.get("n").asInt());
            assertTrue(row.get("metrics").has("accuracy") && row.get("metrics").has("f1"), row.toString());
            assertTrue(row.has("llm_calls") && row.has("seconds"), row.toString());
        }
        assertEquals(List.of("zero-shot", "icl-random-k4", "rag-k1", "rag-k4", "hydra-reranker", "hydra-adapter",
                "hydra", "global-majority", "profile-majority"), methods);
        Map<String, Double> zero = metrics(first, "zero-shot");
        Map<String, Double> rag = metrics(first, "rag-k4");
        assertEquals(0.0, zero.get("accuracy"), "no demo user's gold is \"comedy\"");
        assertTrue(rag.get("accuracy") > zero.get("accuracy"), "the users' own tags win: " + rag);
        assertEquals(0, row(first, "global-majority").llmRequests());
        assertEquals(4 * 8, row(first, "hydra").samples());
        EvalReport.Row hydra = row(first, "hydra");
        assertTrue(hydra.oracle().get("accuracy") >= hydra.metrics().get("accuracy"),
                "the best sample bounds the choice");
        assertTrue(row(first, "rag-k4").oracle().isEmpty(), "one sample: no choice to bound");

        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| method | movie_tagging | LLM calls |"), md);
        assertTrue(md.contains("## hydra over rag-k4"), md);
        assertTrue(md.contains("## The adapter's choice against the best of the samples"), md);
        BufferedImage png = ImageIO.read(out.resolve("results.png").toFile());
        assertNotNull(png, "results.png is a PNG");
        assertEquals(960, png.getWidth());

        assertTrue(calls > 0);
        assertEquals(calls, llm.calls(), "the second run keeps every finished method and calls nothing");
        assertEquals(first.rows(), second.rows(), "the same numbers");
        assertEquals(first.training(), second.training(), "the resumed run reports what training cost when done");
        assertTrue(first.training().get(0).llmCalls() > 0);
        assertTrue(secondLog.toString(StandardCharsets.UTF_8).contains("kept from"));
    }

    @Test
    void should_rerun_a_method_whose_kept_result_came_from_other_settings() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback(EvalRunTest::copyFirstDemonstration).build();
        Path out = home.resolve("out");
        run(settings(List.of(EvalMethod.RAG_K1), out), llm, new ByteArrayOutputStream());

        // when: more words per text make other prompts
        EvalSettings wider = new EvalSettings(data, "dev", List.of("movie_tagging"), List.of(EvalMethod.RAG_K1), 4, 4,
                7L, 1, 1, 4, 4, 8, out);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        run(wider, llm, log);

        // then
        assertTrue(!log.toString(StandardCharsets.UTF_8).contains("kept from"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void should_report_the_mean_and_spread_over_repeated_user_samples() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback(EvalRunTest::copyFirstDemonstration).build();
        EvalSettings twice = new EvalSettings(data, "dev", List.of("movie_tagging"),
                List.of(EvalMethod.RAG_K4, EvalMethod.PROFILE_MAJORITY), 4, 3, 7L, 2, 1, 4, 4, 100,
                home.resolve("out"));

        // when
        EvalReport report = run(twice, llm, new ByteArrayOutputStream());

        // then
        EvalReport.Row rag = row(report, "rag-k4");
        assertEquals(3, rag.n());
        assertTrue(rag.std().containsKey("accuracy"));
        assertTrue(report.markdown().contains("±"), report.markdown());
    }

    /** The seeds of the sampled requests reaching the black box, training and test, in order (greedy ones left out). */
    private List<Long> sampleSeeds(long seed, int repeats) {
        ScriptedLlmBackend scripted = ScriptedLlmBackend.builder().fallback(EvalRunTest::copyFirstDemonstration)
                .build();
        List<Long> seeds = new ArrayList<>();
        LlmBackend recording = new LlmBackend() {
            @Override
            public Generation generate(Prompt prompt, Sampling sampling) {
                if (sampling.temperature() > 0) {
                    seeds.add(sampling.seed());
                }
                return scripted.generate(prompt, sampling);
            }

            @Override
            public String modelId() {
                return scripted.modelId();
            }

            @Override
            public String name() {
                return scripted.name();
            }
        };
        EvalSettings settings = new EvalSettings(data, "dev", List.of("movie_tagging"), List.of(EvalMethod.AGREEMENT),
                4,
                3, seed, repeats, 1, 4, 4, 100, home.resolve("out-" + seed + "-" + repeats));
        // a home of its own: no answer cached by another run hides a request
        new EvalRun(settings, home.resolve("home-" + seed + "-" + repeats), recording,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                ProgressListener.NONE).run();
        return seeds;
    }

    @Test
    void should_sample_a_repeat_as_a_run_of_its_own_seed_samples() {
        // when: seed 7 with two repeats, seed 8 alone, seed 7 alone
        List<Long> twice = sampleSeeds(7, 2);
        List<Long> eight = sampleSeeds(8, 1);
        List<Long> seven = sampleSeeds(7, 1);

        // then: the second repeat samples as seed 8 does, the first as seed 7 does, and the two differ
        assertEquals(eight, twice.subList(twice.size() - eight.size(), twice.size()));
        assertEquals(seven, twice.subList(0, seven.size()));
        assertTrue(!eight.isEmpty() && !eight.equals(seven), eight + " vs " + seven);
    }

    @Test
    void should_name_a_missing_task_folder_and_the_fix() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("comedy");
        EvalSettings settings = new EvalSettings(data, "dev", List.of("no_such_task"), List.of(EvalMethod.ZERO_SHOT),
                4, 4, 7L, 1, 1, 4, 4, 100, home.resolve("out"));

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(settings, llm, new ByteArrayOutputStream()));

        // then
        assertTrue(e.getMessage().contains("no_such_task") && e.getMessage().contains("train_questions.json"),
                e.getMessage());
        assertEquals(0, llm.calls());
    }

    @Test
    void should_refuse_a_split_without_golds() throws IOException {
        // given
        Files.delete(data.resolve("movie_tagging").resolve("dev_outputs.json"));
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("comedy");

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(settings(List.of(EvalMethod.ZERO_SHOT), home.resolve("out")), llm,
                        new ByteArrayOutputStream()));

        // then
        assertTrue(e.getMessage().contains("dev_outputs.json"), e.getMessage());
    }

    private static EvalReport.Row row(EvalReport report, String method) {
        return report.rows().stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }

    private static Map<String, Double> metrics(EvalReport report, String method) {
        return row(report, method).metrics();
    }
}

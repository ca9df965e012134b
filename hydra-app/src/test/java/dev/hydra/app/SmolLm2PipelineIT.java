package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.data.HistoryIngest;
import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampQuestion;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.llamacpp.LlmSpec;
import dev.hydra.llamacpp.LocalModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HYDRA end to end with the real local model (SmolLM2-135M-Instruct) on a tiny slice of the benchmark: 3
 * training users, 2 test users, 2 pseudo-queries each; a second run makes no LLM call and answers the same.
 */
class SmolLm2PipelineIT {

    private static final HydraConfig SMALL = new HydraConfig(4, 2, 2, 1.0, 4, 42L);

    @TempDir
    Path home;

    private record Run(List<String> answers, long llmCalls) {}

    private Run run(LangChain4jLlmBackend llm, LampDataset train, LampDataset test) {
        TaskSpec task = Pipelines.task("product_rating");
        try (Workspace ws = Workspace.withBackend(home, home, llm)) {
            HistoryIngest.ingest(ws.store(), test);
            ModelTraining training = new ModelTraining(ws, task, SMALL, ProgressListener.NONE)
                    .withTrainer(t -> t.pseudoQueriesPerUser(2));
            HydraModel model = ws.remember(training.train(train.questions(), train, "it"));
            training.fit(model, test.users());
            List<String> answers = new ArrayList<>();
            var hydra = Pipelines.pipeline(ws, task, Optional.of(model),
                    HydraConfig.DEFAULTS.withRetrieval(4, 2).withSampling(2, 1.0).withMaxTokens(4));
            for (LampQuestion q : test.questions()) {
                answers.add(hydra.personalize(new Query(q.userId(), q.input(), task.name())).answer());
            }
            return new Run(answers, ws.backend().delegateCalls());
        }
    }

    @Test
    void should_train_fit_and_answer_then_rerun_from_the_cache() throws Exception {
        Path bench = Path.of(System.getProperty("hydra.shared", "../../shared"), "bench", "product_rating");
        Assumptions.assumeTrue(Files.isDirectory(bench), "skipped: no " + bench.toAbsolutePath() + " (../shared/bench,"
                + " the LaMP-format benchmark beside the project, optional: this trains and answers on its product_rating)");
        LampDataset trainAll = LampReader.readSplit(bench, "train");
        LampDataset devAll = LampReader.readSplit(bench, "dev");
        LampDataset train = new LampDataset(trainAll.task(), trainAll.questions().subList(0, 3));
        LampDataset test = new LampDataset(devAll.task(), devAll.questions().subList(0, 2));
        Path gguf = LocalModels.ensureSmolLm2(LocalModels.hydraHome());

        try (LangChain4jLlmBackend llm = LlmSpec.parse("gguf:" + gguf).open(home)) {
            Run first = run(llm, train, test);
            Run second = run(llm, train, test);

            assertEquals(2, first.answers().size());
            assertTrue(first.answers().stream().noneMatch(String::isBlank), first.answers().toString());
            assertTrue(first.llmCalls() > 0);
            assertEquals(0, second.llmCalls(), "the second run is served from the cache");
            assertEquals(first.answers(), second.answers());
            assertFalse(test.users().contains(UserId.of(train.questions().get(0).userId().value())));
        }
    }
}

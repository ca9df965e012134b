package dev.hydra.cli;

import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.app.ConsoleProgress;
import dev.hydra.app.ModelTraining;
import dev.hydra.app.Pipelines;
import dev.hydra.app.Workspace;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra train}: trains the shared bases and the training users' heads of a HYDRA model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a HYDRA model on users of a LaMP-format data set: their histories are ingested, "
                + "the black box labels reranker pairs and samples adapter candidates, and the shared bases and "
                + "the users' heads are trained. Every LLM call is cached, so a rerun costs none."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "TASK_DIR", description = "A task folder in LaMP format.")
    private Path data;

    @Option(names = "--task", paramLabel = "TASK", description = "The task (default: the data's own).")
    private String task;

    @Option(names = "--split", defaultValue = "train", description = "The split (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--train-users", defaultValue = "30", description = "How many users to train on (default: ${DEFAULT-VALUE}).")
    private int trainUsers;

    @Option(names = "--pseudo-queries", defaultValue = "10", description = "Pseudo-queries per user, R (default: ${DEFAULT-VALUE}).")
    private int pseudoQueries;

    @Option(names = "--candidates", defaultValue = "8", description = "Adapter candidates per query, N (default: ${DEFAULT-VALUE}).")
    private int candidates;

    @Option(names = "--seed", defaultValue = "42", description = "The seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--model", defaultValue = "default", description = "The model's name (default: ${DEFAULT-VALUE}).")
    private String model;

    @Mixin
    private LlmOptions options;

    @Override
    public Integer call() {
        if (trainUsers < 1) {
            throw new IllegalArgumentException("--train-users must be at least 1, was " + trainUsers);
        }
        LampDataset dataset = LampReader.readSplit(data, split);
        String taskName = task != null ? task : dataset.task().taskName();
        HydraConfig config = HydraConfig.DEFAULTS.withSampling(candidates, HydraConfig.DEFAULTS.temperature()).withSeed(seed);
        try (Workspace ws = options.workspace()) {
            ModelTraining training = new ModelTraining(ws, Pipelines.task(taskName), config, new ConsoleProgress(System.err))
                    .withTrainer(t -> t.pseudoQueriesPerUser(pseudoQueries));
            HydraModel trained = training.train(ModelTraining.sample(dataset, trainUsers, seed), dataset, model);
            System.out.printf(Locale.ROOT,
                    "trained model %s at %s: %s reranker pairs, %s adapter pairs, %d LLM calls%n", model,
                    trained.dir(), trained.manifest().get("reranker_pairs"), trained.manifest().get("adapter_pairs"),
                    ws.backend().delegateCalls());
        }
        return 0;
    }
}

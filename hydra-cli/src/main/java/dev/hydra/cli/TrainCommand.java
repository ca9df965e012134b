package dev.hydra.cli;

import dev.hydra.app.ConsoleProgress;
import dev.hydra.app.ModelTraining;
import dev.hydra.app.Pipelines;
import dev.hydra.app.StoreSpec;
import dev.hydra.app.Workspace;
import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra train}: trains the shared bases and the training users' heads of a HYDRA model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a HYDRA model on users of a LaMP-format data set (--data: their histories are "
                + "ingested) or on the users already in a history store (--store, within --budget-calls): the black "
                + "box labels reranker pairs and samples adapter candidates, and the shared bases and the users' "
                + "heads are trained. Every LLM call is cached, so a rerun costs none."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "TASK_DIR", description = "A task folder in LaMP format (or --store).")
    private Path data;

    @Option(names = "--budget-calls", paramLabel = "N", description = "With --store: the most LLM calls (samples) "
            + "to spend; answers already cached cost none. Required with --store.")
    private Long budgetCalls;

    @Option(names = "--budget-tokens", paramLabel = "T", description = "With --store: the most tokens (prompt plus "
            + "completion) to spend; a call's tokens are reserved at a ceiling (UTF-8 bytes of the prompt plus the "
            + "answer's limit) before it is made. Default: no token limit.")
    private Long budgetTokens;

    @Option(names = "--neighbours", defaultValue = "10",
            description = "Neighbours per query, M (default: ${DEFAULT-VALUE}).")
    private int neighbours;

    @Option(names = "--demonstrations", defaultValue = "4",
            description = "Demonstrations per prompt, k (default: ${DEFAULT-VALUE}).")
    private int demonstrations;

    @Option(names = "--max-tokens", defaultValue = "64",
            description = "The token limit of each answer (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--task", paramLabel = "TASK", description = "The task (default: the data's own).")
    private String task;

    @Option(names = "--split", defaultValue = "train", description = "The split (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--train-users", defaultValue = "30",
            description = "How many users to train on (default: ${DEFAULT-VALUE}).")
    private int trainUsers;

    @Option(names = "--pseudo-queries", defaultValue = "10",
            description = "Pseudo-queries per user, R (default: ${DEFAULT-VALUE}).")
    private int pseudoQueries;

    @Option(names = "--candidates", defaultValue = "8",
            description = "Adapter candidates per query, N (default: ${DEFAULT-VALUE}).")
    private int candidates;

    @Option(names = "--seed", defaultValue = "42", description = "The seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--model", defaultValue = "default", description = "The model's name (default: ${DEFAULT-VALUE}).")
    private String model;

    @Mixin
    private LlmOptions options;

    /** --store SPEC: without --data, the users to train on (every user in it); with --data, where they go. */
    @Mixin
    private StoreOptions stores;

    @Override
    public Integer call() {
        Optional<StoreSpec> store = stores.spec();
        if (data == null && store.isEmpty()) {
            throw new IllegalArgumentException("give either --data TASK_DIR (a LaMP-format data set) or --store SPEC "
                    + "(a history store: " + StoreSpec.FORMS + ", or $" + StoreSpec.ENV + ") to train on");
        }
        HydraConfig config = new HydraConfig(neighbours, demonstrations, candidates, HydraConfig.DEFAULTS.temperature(),
                maxTokens, seed);
        if (data == null) {
            return trainOnStore(config, store.get());
        }
        if (budgetCalls != null || budgetTokens != null) {
            throw new IllegalArgumentException("--budget-calls and --budget-tokens apply to training on a store "
                    + "(without --data); with --data, --train-users bounds the calls");
        }
        if (trainUsers < 1) {
            throw new IllegalArgumentException("--train-users must be at least 1, was " + trainUsers);
        }
        LampDataset dataset = LampReader.readSplit(data, split);
        String taskName = task != null ? task : dataset.task().taskName();
        try (Workspace ws = stores.workspace(options)) {
            ModelTraining training = new ModelTraining(ws, Pipelines.task(taskName), config,
                    new ConsoleProgress(System.err))
                    .withTrainer(t -> t.pseudoQueriesPerUser(pseudoQueries));
            HydraModel trained = training.train(ModelTraining.sample(dataset, trainUsers, seed), dataset, model);
            System.out.printf(Locale.ROOT,
                    "trained model %s at %s: %s reranker pairs, %s adapter pairs, %d LLM calls%n", model,
                    trained.dir(), trained.manifest().get("reranker_pairs"), trained.manifest().get("adapter_pairs"),
                    ws.backend().delegateCalls());
        }
        return 0;
    }

    /** Trains on the users of a history store within the budget; a run that trains nothing says why, exit 1. */
    private int trainOnStore(HydraConfig config, StoreSpec store) {
        if (task == null) {
            throw new IllegalArgumentException("--store needs --task: the store does not say what its users' items "
                    + "are; the built-in tasks are " + dev.hydra.core.task.BuiltInTasks.all().stream()
                            .map(dev.hydra.api.spi.TaskSpec::name).toList());
        }
        if (budgetCalls == null) {
            throw new IllegalArgumentException("--store needs --budget-calls N: the most LLM calls the training may "
                    + "spend (e.g. 300)");
        }
        LlmBudget budget;
        try {
            budget = budgetTokens == null ? LlmBudget.ofCalls(budgetCalls)
                    : LlmBudget.ofCalls(budgetCalls).withTokens(budgetTokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--budget-calls " + budgetCalls
                    + (budgetTokens == null ? "" : " --budget-tokens " + budgetTokens) + ": " + e.getMessage(), e);
        }
        if (store.folder().isPresent() && !Files.isDirectory(store.folder().get())) {
            throw new IllegalArgumentException("no history store at " + store + "; make one with `hydra ingest` (it "
                    + "writes HYDRA_HOME/history) or `hydra demo` (HYDRA_HOME/demo/history)");
        }
        try (Workspace ws = stores.workspace(options)) {
            ApplicationTrainingReport report = new ModelTraining(ws, Pipelines.task(task), config,
                    new ConsoleProgress(System.err)).trainWithin(ws.store(), budget, pseudoQueries, model);
            (report.trained() ? System.out : System.err).println(report.summary());
            return report.trained() ? 0 : 1;
        }
    }
}

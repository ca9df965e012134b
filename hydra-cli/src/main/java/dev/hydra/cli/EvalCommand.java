package dev.hydra.cli;

import dev.hydra.app.ConsoleProgress;
import dev.hydra.core.training.RerankerLabelSource;
import dev.hydra.eval.EvalMethod;
import dev.hydra.eval.EvalReport;
import dev.hydra.eval.EvalRun;
import dev.hydra.eval.EvalSettings;
import dev.hydra.heads.TrainingObjective;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra eval}: the methods on LaMP-format tasks, with HYDRA's protocol, into results.json, .md and .png. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluates personalization methods on LaMP-format tasks with HYDRA's protocol: the bases and "
                + "their heads are trained on training users, test users' heads are fitted from their own profiles "
                + "only, and every method answers each test user's query. Writes OUT/results.json, OUT/results.md "
                + "and OUT/results.png. Resumable: finished methods are kept in OUT/partial and LLM calls are cached.",
                "Methods: zero-shot, icl-random-k4, rag-k1, rag-k4, hydra-reranker, hydra-adapter, hydra, "
                        + "global-majority, profile-majority (or all)."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A folder with one LaMP-format folder per task (e.g. ../shared/bench).")
    private Path data;

    @Option(names = "--split", defaultValue = "dev",
            description = "The split of the test users (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--tasks", paramLabel = "T1,T2",
            description = "Task folders under --data (default: every folder with train_questions.json).")
    private String tasks;

    @Option(names = "--methods", defaultValue = "all", paramLabel = "M1,M2",
            description = "Methods (default: ${DEFAULT-VALUE}).")
    private String methods;

    @Option(names = "--train-users", defaultValue = "30",
            description = "Training users per task (default: ${DEFAULT-VALUE}).")
    private int trainUsers;

    @Option(names = "--test-users", defaultValue = "1000000",
            description = "Test users per task (default: all of the split).")
    private int testUsers;

    @Option(names = "--seed", defaultValue = "42", description = "The seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--repeats", defaultValue = "1",
            description = "User samples, seeds SEED..SEED+R-1 (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--pseudo-queries", defaultValue = "10",
            description = "Pseudo-queries per user, R (default: ${DEFAULT-VALUE}).")
    private int pseudoQueries;

    @Option(names = "--m", defaultValue = "10",
            description = "Items retrieved for reranking at inference, M (default: ${DEFAULT-VALUE}).")
    private int m;

    @Option(names = "--train-m", defaultValue = "10",
            description = "Neighbours per query in training, each one LLM call (default: ${DEFAULT-VALUE}).")
    private int trainM;

    @Option(names = "--max-words", defaultValue = "100",
            description = "Words kept of each query and history text (default: ${DEFAULT-VALUE}).")
    private int maxWords;

    @Option(names = "--reranker-labels", defaultValue = "llm", description = "Where the reranker's training labels "
            + "come from: llm (one LLM call per pair, HYDRA's) or output (the item's own output, no call) (default: "
            + "${DEFAULT-VALUE}).")
    private String rerankerLabels;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Temperature of the sampled answers of the "
            + "8-sample methods (default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--prompt-words", defaultValue = "1200", description = "The most words of a prompt; over it "
            + "the oldest demonstrations are left out first, and counted (0: no limit; default: ${DEFAULT-VALUE}, "
            + "SmolLM2's 2,048-token context).")
    private int promptWords;

    @Option(names = "--objective", defaultValue = "pointwise", description = "What the reranker's and adapter's "
            + "training compares: pointwise (each pair alone) or listwise (the pairs of one query with each other) "
            + "(default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--reranker-answers", description = "The reranker also sees each item's answer (its agreement "
            + "with the other retrieved items' answers).")
    private boolean rerankerAnswers;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "The output folder.")
    private Path out;

    @Mixin
    private LlmOptions options;

    private RerankerLabelSource labelSource() {
        try {
            return RerankerLabelSource.valueOf(rerankerLabels.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--reranker-labels must be llm or output, was \"" + rerankerLabels + "\"");
        }
    }

    private TrainingObjective trainingObjective() {
        try {
            return TrainingObjective.valueOf(objective.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--objective must be pointwise or listwise, was \"" + objective + "\"");
        }
    }

    @Override
    public Integer call() throws Exception {
        EvalSettings settings = new EvalSettings(data, split, taskList(), EvalMethod.parseList(methods), trainUsers,
                testUsers, seed, repeats, pseudoQueries, m, trainM, maxWords, out, labelSource(), temperature,
                promptWords,
                trainingObjective(), rerankerAnswers);
        long start = System.nanoTime();
        try (LangChain4jLlmBackend llm = options.open()) {
            EvalReport report = new EvalRun(settings, options.hydraHome(), llm, System.out,
                    new ConsoleProgress(System.err)).run();
            report.write(out);
            System.out.println();
            System.out.print(report.markdown());
            System.out.printf(Locale.ROOT, "%nwrote %s, results.md and results.png in %.0f s%n",
                    out.resolve("results.json"), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private List<String> taskList() {
        if (tasks != null) {
            return Arrays.stream(tasks.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(
                    "--data " + data + " is not a folder; give one that holds a folder per task");
        }
        try (Stream<Path> dirs = Files.list(data)) {
            List<String> found = dirs.filter(d -> Files.exists(d.resolve("train_questions.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(
                        "--data " + data + " holds no task folder with train_questions.json");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data, e);
        }
    }
}

package dev.hydra.eval;

import dev.hydra.core.training.RerankerLabelSource;
import dev.hydra.heads.TrainingObjective;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code hydra eval} runs.
 *
 * @param data the folder holding one LaMP-format folder per task ({@code DATA/TASK/train_questions.json} ...)
 * @param split the split the test users come from (training users always come from {@code train})
 * @param tasks the task folders to evaluate, e.g. {@code news_category}
 * @param methods the methods, in report order
 * @param trainUsers training users per task and repeat (they train the bases and their own heads)
 * @param testUsers test users per task and repeat (their heads are fitted from their profiles only)
 * @param seed the seed of the first repeat; repeat r uses {@code seed + r} for its user sample, training and samples
 * @param repeats how many times users are sampled; the reports give the mean and standard deviation
 * @param pseudoQueries pseudo-queries per user, R, in training and fitting
 * @param m items retrieved per query at inference (the reranker's candidates)
 * @param trainM neighbours per (pseudo-)query in training and fitting; each one costs an LLM call
 * @param maxWords the words kept of each query and history text (long reviews would overflow a small context)
 * @param out where the results, the partial results and the evaluation's history and models go
 * @param rerankerLabels where the reranker's training labels come from (LLM calls, or the items' own outputs)
 * @param temperature the temperature of the sampled answers of the N-sample methods
 * @param promptWords the most words of a prompt; over it the oldest demonstrations are left out first (0: no limit)
 * @param objective what the scorers' training compares: each pair alone, or the pairs of a query with each other
 * @param rerankerAnswers whether the reranker also sees the items' answers (their agreement in the list)
 */
public record EvalSettings(Path data, String split, List<String> tasks, List<EvalMethod> methods, int trainUsers,
        int testUsers, long seed, int repeats, int pseudoQueries, int m, int trainM, int maxWords, Path out,
        RerankerLabelSource rerankerLabels, double temperature, int promptWords, TrainingObjective objective,
        boolean rerankerAnswers) {

    /** The default prompt budget: SmolLM2's 2,048-token context less an answer, at about 1.6 tokens a word. */
    public static final int PROMPT_WORDS = 1200;

    /**
     * Settings with pointwise scorers whose reranker does not see the items' answers.
     *
     * @param data the data folder
     * @param split the test split
     * @param tasks the task folders
     * @param methods the methods
     * @param trainUsers training users
     * @param testUsers test users
     * @param seed the first seed
     * @param repeats the user samples
     * @param pseudoQueries R
     * @param m items retrieved at inference
     * @param trainM neighbours in training
     * @param maxWords the word limit
     * @param out the output folder
     * @param rerankerLabels the reranker's label source
     * @param temperature the sampling temperature
     * @param promptWords the prompt budget
     */
    public EvalSettings(Path data, String split, List<String> tasks, List<EvalMethod> methods, int trainUsers,
            int testUsers, long seed, int repeats, int pseudoQueries, int m, int trainM, int maxWords, Path out,
            RerankerLabelSource rerankerLabels, double temperature, int promptWords) {
        this(data, split, tasks, methods, trainUsers, testUsers, seed, repeats, pseudoQueries, m, trainM, maxWords, out,
                rerankerLabels, temperature, promptWords, TrainingObjective.POINTWISE, false);
    }

    /**
     * Settings with HYDRA's LLM labels and temperature 1.
     *
     * @param data the data folder
     * @param split the test split
     * @param tasks the task folders
     * @param methods the methods
     * @param trainUsers training users
     * @param testUsers test users
     * @param seed the first seed
     * @param repeats the user samples
     * @param pseudoQueries R
     * @param m items retrieved at inference
     * @param trainM neighbours in training
     * @param maxWords the word limit
     * @param out the output folder
     */
    public EvalSettings(Path data, String split, List<String> tasks, List<EvalMethod> methods, int trainUsers,
            int testUsers, long seed, int repeats, int pseudoQueries, int m, int trainM, int maxWords, Path out) {
        this(data, split, tasks, methods, trainUsers, testUsers, seed, repeats, pseudoQueries, m, trainM, maxWords, out,
                RerankerLabelSource.LLM, 1.0, PROMPT_WORDS);
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when a number is out of range or a list is empty; the message names the
     *     option
     */
    public EvalSettings {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(out, "out");
        tasks = List.copyOf(tasks);
        methods = List.copyOf(methods);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("--tasks names no task; give folder names under " + data);
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods names no method");
        }
        atLeast(trainUsers, 1, "--train-users");
        atLeast(testUsers, 1, "--test-users");
        atLeast(repeats, 1, "--repeats");
        atLeast(pseudoQueries, 1, "--pseudo-queries");
        atLeast(m, 4, "--m (the methods keep 4 demonstrations of M)");
        atLeast(trainM, 4, "--train-m (training prompts hold 4 demonstrations)");
        atLeast(maxWords, 8, "--max-words");
        Objects.requireNonNull(rerankerLabels, "--reranker-labels: llm or output");
        if (!(temperature > 0 && temperature <= 2)) {
            throw new IllegalArgumentException("--temperature must be in (0, 2], was " + temperature);
        }
        atLeast(promptWords, 0, "--prompt-words");
        Objects.requireNonNull(objective, "--objective: pointwise or listwise");
    }

    /**
     * Whether any method needs a trained model.
     *
     * @return true when a HYDRA method is among the methods
     */
    public boolean needsModel() {
        return methods.stream().anyMatch(EvalMethod::needsModel);
    }

    private static void atLeast(int value, int min, String option) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
        }
    }
}

package dev.hydra.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.app.Pipelines;
import dev.hydra.core.metrics.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The results of an evaluation, averaged over user samples: {@code results.json} (the machine-readable record),
 * {@code results.md} (the methods-by-tasks table and HYDRA's relative change over RAG with k = 4) and
 * {@code results.png} (the same as bars).
 */
public final class EvalReport {

    /** Metrics where lower is better. */
    static final Set<String> LOWER_IS_BETTER = Set.of(Metrics.MAE, Metrics.RMSE);

    private static final List<String> ORDER = List.of(Metrics.ACCURACY, Metrics.F1, Metrics.MAE, Metrics.RMSE,
            Metrics.ROUGE_1, Metrics.ROUGE_L, Metrics.BLEU);

    private final EvalSettings settings;
    private final String llm;
    private final String encoder;
    private final List<MethodResult> results;
    private final List<TrainingRecord> training;
    private final List<Row> rows;

    /**
     * Creates a report.
     *
     * @param settings what was run
     * @param llm the black box's name and model
     * @param encoder the frozen encoder's id
     * @param results every method's result per task and user sample
     * @param training what training cost per task and user sample
     */
    public EvalReport(EvalSettings settings, String llm, String encoder, List<MethodResult> results,
            List<TrainingRecord> training) {
        this.settings = settings;
        this.llm = llm;
        this.encoder = encoder;
        this.results = List.copyOf(results);
        this.training = List.copyOf(training);
        this.rows = aggregate(this.results);
    }

    /**
     * One row of the report: a method on a task, averaged over the user samples.
     *
     * @param task the task
     * @param method the method
     * @param n test users per sample
     * @param metrics the mean of each metric
     * @param std the standard deviation of each metric over the samples (0 with one sample)
     * @param llmCalls LLM calls that reached the model, summed over the samples
     * @param llmRequests generate calls, cached or not, summed
     * @param samples sampled answers, summed
     * @param seconds wall time, summed
     * @param oracle the mean metrics of a perfect choice among each query's samples; empty for one-sample methods
     */
    public record Row(String task, String method, int n, Map<String, Double> metrics, Map<String, Double> std,
            long llmCalls, long llmRequests, long samples, double seconds, Map<String, Double> oracle) {}

    /**
     * What training and fitting cost, per task and user sample, as first done.
     *
     * @return the records
     */
    public List<TrainingRecord> training() {
        return training;
    }

    /**
     * The rows, in task order then method order.
     *
     * @return the averaged rows
     */
    public List<Row> rows() {
        return rows;
    }

    private static List<Row> aggregate(List<MethodResult> results) {
        Map<String, List<MethodResult>> groups = new LinkedHashMap<>();
        for (MethodResult r : results) {
            groups.computeIfAbsent(r.task() + "\u0000" + r.method(), k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (List<MethodResult> g : groups.values()) {
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            for (String metric : ORDER) {
                if (!g.get(0).metrics().containsKey(metric)) {
                    continue;
                }
                double[] v = g.stream().mapToDouble(r -> r.metrics().get(metric)).toArray();
                double m = java.util.Arrays.stream(v).average().orElse(0);
                double var = java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1);
                mean.put(metric, m);
                std.put(metric, Math.sqrt(var));
            }
            Map<String, Double> oracle = new LinkedHashMap<>();
            for (String metric : ORDER) {
                if (g.stream().allMatch(r -> r.oracle().containsKey(metric))) {
                    oracle.put(metric, g.stream().mapToDouble(r -> r.oracle().get(metric)).average().orElse(0));
                }
            }
            MethodResult first = g.get(0);
            rows.add(new Row(first.task(), first.method(), first.n(), mean, std,
                    g.stream().mapToLong(MethodResult::llmCalls).sum(),
                    g.stream().mapToLong(MethodResult::llmRequests).sum(),
                    g.stream().mapToLong(MethodResult::samples).sum(),
                    g.stream().mapToDouble(MethodResult::seconds).sum(),
                    oracle));
        }
        return rows;
    }

    /**
     * Writes {@code results.json}, {@code results.md} and {@code results.png} into a folder.
     *
     * @param dir the folder, created when missing
     * @throws UncheckedIOException when a file cannot be written
     */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve("results.json").toFile(), json());
            Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
            new EvalChart(rows(), tasks(), methods()).writePng(dir.resolve("results.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + dir, e);
        }
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("llm", llm);
        root.put("encoder", encoder);
        root.put("split", settings.split());
        root.put("seed", settings.seed());
        root.put("repeats", settings.repeats());
        root.put("settings", Map.of("train_users", settings.trainUsers(), "test_users", settings.testUsers(),
                "pseudo_queries", settings.pseudoQueries(), "m", settings.m(), "train_m", settings.trainM(),
                "k", 4, "n", 8, "max_words", settings.maxWords()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", r.task());
            row.put("method", r.method());
            row.put("n", r.n());
            row.put("metrics", r.metrics());
            row.put("std", r.std());
            if (!r.oracle().isEmpty()) {
                row.put("oracle", r.oracle());
            }
            row.put("llm_calls", r.llmCalls());
            row.put("llm_requests", r.llmRequests());
            row.put("samples", r.samples());
            row.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
            rows.add(row);
        }
        root.put("results", rows);
        root.put("training", training);
        return root;
    }

    /**
     * The Markdown report.
     *
     * @return the methods-by-tasks table, then HYDRA's relative change over {@code rag-k4}
     */
    public String markdown() {
        List<Row> rows = rows();
        List<String> tasks = tasks();
        StringBuilder md = new StringBuilder("# Evaluation\n\n");
        md.append(String.format(Locale.ROOT, "LLM `%s`, encoder `%s`, split `%s`, seed %d, %d repeat(s); %d training "
                + "users and up to %d test users per task, R = %d pseudo-queries, M = %d, training neighbours %d, "
                + "k = 4, N = 8, texts cut at %d words. Mean over repeats (± standard deviation when repeated); "
                + "MAE and RMSE: lower is better.%n%n",
                llm, encoder, settings.split(), settings.seed(), settings.repeats(), settings.trainUsers(),
                settings.testUsers(), settings.pseudoQueries(), settings.m(), settings.trainM(), settings.maxWords()));
        md.append("| method |");
        tasks.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append(" LLM calls |\n|---|");
        tasks.forEach(t -> md.append("---|"));
        md.append("---|\n");
        for (String method : methods()) {
            md.append("| ").append(method).append(" |");
            long calls = 0;
            for (String task : tasks) {
                Optional<Row> row = find(rows, task, method);
                md.append(' ').append(row.map(r -> cell(r, settings.repeats() > 1)).orElse("-")).append(" |");
                calls += row.map(Row::llmRequests).orElse(0L);
            }
            md.append(' ').append(calls).append(" |\n");
        }
        long cut = results.stream().mapToLong(MethodResult::promptsCut).sum();
        md.append(String.format(Locale.ROOT, "%nPrompts over the budget of %d words, cut by leaving out the oldest "
                + "demonstrations first: %d.%n", settings.promptWords(), cut));
        md.append("\nn (test users) per task: ").append(tasks.stream()
                .map(t -> t + " " + rows.stream().filter(r -> r.task().equals(t)).findFirst().map(Row::n).orElse(0))
                .collect(Collectors.joining(", "))).append(".\n");
        md.append(relativeChange(rows, tasks));
        md.append(intervals(tasks));
        md.append(oracleTable(rows));
        md.append(unreadablePicks(tasks));
        md.append(trainingTable());
        return md.toString();
    }

    private String relativeChange(List<Row> rows, List<String> tasks) {
        StringBuilder md = new StringBuilder("\n## hydra over rag-k4 (relative change; positive = better)\n\n");
        List<Double> primary = new ArrayList<>();
        boolean any = false;
        for (String task : tasks) {
            Optional<Row> h = find(rows, task, EvalMethod.HYDRA.id());
            Optional<Row> r = find(rows, task, EvalMethod.RAG_K4.id());
            if (h.isEmpty() || r.isEmpty()) {
                continue;
            }
            any = true;
            List<String> parts = new ArrayList<>();
            for (String metric : h.get().metrics().keySet()) {
                Double change = relative(metric, h.get().metrics().get(metric), r.get().metrics().get(metric));
                parts.add(
                        metric + " " + (change == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * change)));
                if (metric.equals(primaryMetric(h.get().metrics())) && change != null) {
                    primary.add(change);
                }
            }
            md.append("- ").append(task).append(": ").append(String.join(", ", parts)).append('\n');
        }
        if (!any) {
            return "";
        }
        md.append(String.format(Locale.ROOT, "%nMean relative change on each task's primary metric (accuracy, MAE, "
                + "ROUGE-1): %+.1f%% over %d task(s).%n",
                100 * primary.stream().mapToDouble(d -> d).average().orElse(0),
                primary.size()));
        return md.toString();
    }

    /** The comparisons the report gives intervals for: the method, and what it must not lose to. */
    private static final List<List<String>> PAIRS = List.of(List.of("hydra", "rag-k4"),
            List.of("hydra-reranker", "rag-k4"),
            List.of("hydra", "agreement"), List.of("hydra", "profile-majority"));

    private String intervals(List<String> tasks) {
        StringBuilder md = new StringBuilder("\n## Paired differences with 95% bootstrap intervals\n\nPer query, the "
                + "primary metric of the first method minus the second's (accuracy, ROUGE-1; for MAE the error of the "
                + "second minus the first's), over every repeat's queries, resampled " + PairedBootstrap.RESAMPLES
                + " times. An interval that holds 0 is no evidence of a difference.\n\n| task | comparison | mean "
                + "difference | 95% interval | queries |\n|---|---|---|---|---|\n");
        boolean any = false;
        for (String task : tasks) {
            for (List<String> pair : PAIRS) {
                List<MethodResult> a = results.stream()
                        .filter(r -> r.task().equals(task) && r.method().equals(pair.get(0))).toList();
                List<MethodResult> b = results.stream()
                        .filter(r -> r.task().equals(task) && r.method().equals(pair.get(1))).toList();
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                PairedBootstrap.Interval i = PairedBootstrap.compare(Pipelines.task(task), a, b, settings.seed());
                if (i != null) {
                    any = true;
                    md.append(String.format(Locale.ROOT, "| %s | %s - %s | %+.3f | [%+.3f, %+.3f] | %d |%n", task,
                            pair.get(0), pair.get(1), i.mean(), i.low(), i.high(), i.pairs()));
                }
            }
        }
        return any ? md.toString() : "";
    }

    /** How often a method answered with what the task cannot read while one of its samples could be read. */
    private String unreadablePicks(List<String> tasks) {
        StringBuilder md = new StringBuilder("\n## Unreadable answers chosen while a readable sample existed\n\n"
                + "| task | method | picks | of queries |\n|---|---|---|---|\n");
        boolean any = false;
        for (String taskName : tasks) {
            dev.hydra.api.spi.TaskSpec task = Pipelines.task(taskName);
            if (task.labels().isEmpty()) {
                continue;
            }
            for (MethodResult r : results) {
                if (!r.task().equals(taskName) || r.predictions().stream().allMatch(p -> p.candidates().size() < 2)) {
                    continue;
                }
                long bad = r.predictions().stream().filter(p -> task.parse(p.answer()).isEmpty()
                        && p.candidates().stream().anyMatch(c -> task.parse(c).isPresent())).count();
                any = true;
                md.append(
                        String.format(Locale.ROOT, "| %s | %s (seed %d) | %d | %d |%n", taskName, r.method(), r.seed(),
                                bad, r.predictions().size()));
            }
        }
        return any ? md.toString() : "";
    }

    private static String oracleTable(List<Row> rows) {
        List<Row> sampled = rows.stream().filter(r -> !r.oracle().isEmpty()).toList();
        if (sampled.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## The adapter's choice against the best of the samples\n\n"
                + "What the adapter chose, and what a perfect choice among the same N samples would give (an upper "
                + "bound for any adapter).\n\n| task | method | metric | chosen | best of the samples |\n|---|---|---|---|---|\n");
        for (Row r : sampled) {
            String metric = primaryMetric(r.metrics());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f |%n", r.task(), r.method(), metric,
                    r.metrics().get(metric), r.oracle().get(metric)));
        }
        return md.toString();
    }

    private String trainingTable() {
        if (training.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Training and fitting\n\nThe weights training chose on held-out "
                + "training queries (alpha: learned reranker; beta: learned adapter; gamma: the user's history; first: "
                + "the greedy answer's bonus; labels: the task's labels join the pool), the held-out quality of the simple "
                + "choice and of the chosen one (reranker: precision at k of its labels; adapter: the task's score), the "
                + "test users who kept a head of their own, and the LLM calls to train and to fit.\n\n"
                + "| task | seed | training users | test users fitted | reranker pairs | adapter pairs | alpha | beta | gamma "
                + "| first | labels | reranker held-out: retriever / chosen | adapter held-out: agreement / greedy / chosen "
                + "| own heads (reranker, adapter) | LLM calls (train + fit) | seconds |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (TrainingRecord t : training) {
            Map<String, Object> a = t.anchors() == null ? Map.of() : t.anchors();
            Map<String, Object> s = t.selection() == null ? Map.of() : t.selection();
            md.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s / %s | %s / %s / %s "
                            + "| %d, %d | %d + %d | %.0f |%n",
                    t.task(), t.seed(), t.trainUsers(), t.testUsers(), t.rerankerPairs(),
                    t.adapterPairs(), num(a.get("reranker_alpha")), num(a.get("adapter_beta")),
                    num(a.get("adapter_gamma")),
                    num(a.get("adapter_first")), a.getOrDefault("label_candidates", "-"),
                    num(s.get("reranker_precision_at_k_retriever")), num(s.get("reranker_precision_at_k_chosen")),
                    num(s.get("adapter_quality_agreement")), num(s.get("adapter_quality_greedy")),
                    num(s.get("adapter_quality_chosen")), t.rerankerHeads(), t.adapterHeads(),
                    t.llmCalls() - t.fitCalls(),
                    t.fitCalls(), t.seconds()));
        }
        return md.toString();
    }

    private static String num(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.3g", n.doubleValue()) : "-";
    }

    /**
     * The relative change of a value over a reference, signed so that positive is better.
     *
     * @param metric the metric
     * @param value the value
     * @param reference the reference value
     * @return the change, or {@code null} when the reference is 0
     */
    static Double relative(String metric, double value, double reference) {
        if (reference == 0) {
            return null;
        }
        double change = (value - reference) / Math.abs(reference);
        return LOWER_IS_BETTER.contains(metric) ? -change : change;
    }

    /**
     * The metric that ranks methods on a task: accuracy, MAE or ROUGE-1.
     *
     * @param metrics a row's metrics
     * @return the metric's key
     */
    static String primaryMetric(Map<String, Double> metrics) {
        return metrics.containsKey(Metrics.ACCURACY) ? Metrics.ACCURACY
                : metrics.containsKey(Metrics.MAE) ? Metrics.MAE : Metrics.ROUGE_1;
    }

    static String format(Map<String, Double> metrics) {
        return ORDER.stream().filter(metrics::containsKey)
                .map(k -> String.format(Locale.ROOT, "%s %.3f", k, metrics.get(k))).collect(Collectors.joining(" "));
    }

    private static String cell(Row r, boolean withStd) {
        return ORDER.stream().filter(r.metrics()::containsKey)
                .map(k -> withStd ? String.format(Locale.ROOT, "%s %.3f±%.3f", k, r.metrics().get(k), r.std().get(k))
                        : String.format(Locale.ROOT, "%s %.3f", k, r.metrics().get(k)))
                .collect(Collectors.joining("<br>"));
    }

    private static Optional<Row> find(List<Row> rows, String task, String method) {
        return rows.stream().filter(r -> r.task().equals(task) && r.method().equals(method)).findFirst();
    }

    private List<String> tasks() {
        return List
                .copyOf(results.stream().map(MethodResult::task).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private List<String> methods() {
        return List.copyOf(
                results.stream().map(MethodResult::method).collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}

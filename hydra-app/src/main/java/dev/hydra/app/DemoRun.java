package dev.hydra.app;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.data.HistoryIngest;
import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampQuestion;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.metrics.Metrics;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.UsedItem;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo: on the bundled sample of users with distinct movie-tagging tastes, trains HYDRA with small
 * settings on the training users, fits the demo users' heads from their own histories, and shows for each demo
 * user the plain model's answer, plain RAG's answer and Hydra's answer with the items it used, then the
 * accuracy and macro-F1 of each.
 */
public final class DemoRun {

    /** The demo's task. */
    public static final String TASK = "movie_tagging";

    private static final String RESOURCES = "/dev/hydra/app/demo/";

    /**
     * The demo's numbers, for training and its pipelines, small so that it runs in minutes on two cores: 4
     * neighbours, 2 demonstrations, 4 candidates, 6 tokens (every tag fits), trained with seed 42.
     */
    static final HydraConfig SETTINGS = new HydraConfig(4, 2, 4, 1.0, 6, 42L);
    /** The pseudo-queries drawn from each training user's history. */
    static final int PSEUDO_QUERIES = 2;

    private final Workspace ws;
    private final PrintStream out;
    private final ProgressListener progress;

    /**
     * Creates the demo.
     *
     * @param ws the workspace (its state directory should be the demo's own)
     * @param out where the report goes
     * @param progress hears the progress of long stages
     */
    public DemoRun(Workspace ws, PrintStream out, ProgressListener progress) {
        this.ws = ws;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Runs the demo.
     *
     * @return method name to its metrics on the demo users
     */
    public Map<String, Map<String, Double>> run() {
        long start = System.nanoTime();
        Path data = unpack(ws.home().resolve("demo").resolve("data"));
        LampDataset train = LampReader.readSplit(data, "train");
        LampDataset test = LampReader.readSplit(data, "test");
        TaskSpec task = Pipelines.task(TASK);

        out.printf(Locale.ROOT, "Hydra demo: %d training users, %d demo users, task %s, black box %s%n",
                train.questions().size(), test.questions().size(), TASK, ws.llm());
        ws.backend();
        HistoryIngest.ingest(ws.store(), test); // the demo users' profiles only: their queries stay unseen
        ModelTraining training = new ModelTraining(ws, task, SETTINGS, progress)
                .withTrainer(t -> t.pseudoQueriesPerUser(PSEUDO_QUERIES));
        out.println("Training the shared bases and the training users' heads ...");
        HydraModel model = ws.remember(training.train(train.questions(), train, "demo"));
        out.println("Fitting the demo users' heads from their own histories ...");
        training.fit(model, test.users());

        HydraConfig base = SETTINGS.withSeed(HydraConfig.DEFAULTS.seed()); // trained with seed 42, answers from seed 0
        Map<String, Hydra> methods = new LinkedHashMap<>();
        methods.put("plain", Pipelines.pipeline(ws, task, Optional.empty(),
                base.withRetrieval(SETTINGS.m(), 0).withSampling(1, 0.0)));
        methods.put("rag", Pipelines.pipeline(ws, task, Optional.empty(), base.withSampling(1, 0.0)));
        methods.put("hydra", Pipelines.pipeline(ws, task, Optional.of(model),
                base.withSampling(SETTINGS.n(), SETTINGS.temperature())));

        Map<String, List<String>> answers = new LinkedHashMap<>();
        methods.keySet().forEach(m -> answers.put(m, new ArrayList<>()));
        List<String> golds = new ArrayList<>();
        for (LampQuestion q : test.questions()) {
            golds.add(q.gold().orElseThrow());
            out.printf(Locale.ROOT, "%n%s  %s%n  gold: %s%n", q.userId(), shorten(q.queryText(), 90),
                    q.gold().orElseThrow());
            for (Map.Entry<String, Hydra> m : methods.entrySet()) {
                HydraResult r = m.getValue().personalize(new Query(q.userId(), q.input(), TASK));
                String shown = task.parse(r.answer()).orElse(shorten(r.answer().strip(), 40) + " (unreadable)");
                answers.get(m.getKey()).add(task.parse(r.answer()).orElse(r.answer()));
                out.printf(Locale.ROOT, "  %-6s %s%s%n", m.getKey() + ":", shown, evidence(m.getKey(), r));
            }
        }

        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        out.printf(Locale.ROOT, "%n%-8s %9s %9s%n", "method", "accuracy", "macro-F1");
        for (Map.Entry<String, List<String>> a : answers.entrySet()) {
            Map<String, Double> m = Metrics.classification(a.getValue(), golds, task.labels());
            metrics.put(a.getKey(), m);
            out.printf(Locale.ROOT, "%-8s %9.3f %9.3f%n", a.getKey(), m.get(Metrics.ACCURACY), m.get(Metrics.F1));
        }
        out.printf(Locale.ROOT, "%nLLM calls this run: %d (the rest came from the cache at %s); %.0f s%n",
                ws.backend().delegateCalls(), ws.backend().cache().directory(), (System.nanoTime() - start) / 1e9);
        return metrics;
    }

    private static String evidence(String method, HydraResult r) {
        if (!method.equals("hydra")) {
            return "";
        }
        StringBuilder s = new StringBuilder("   <- items used: ");
        for (UsedItem u : r.usedItems()) {
            HistoryItem item = u.item();
            s.append(String.format(Locale.ROOT, "%s=%s (%.2f) ", item.id().replaceFirst(".*-", ""), item.output(),
                    u.rerankScore().orElse(u.retrievalScore())));
        }
        long sampled = r.answers().stream().filter(a -> a.candidate().sampleIndex() < SETTINGS.n()).count();
        s.append("| ").append(sampled).append(" samples");
        if (sampled < r.answers().size()) {
            s.append(" + ").append(r.answers().size() - sampled).append(" labels no sample gave");
        }
        if (r.degraded()) {
            s.append(" | degraded: ").append(r.degradations());
        }
        return s.toString();
    }

    private static String shorten(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    private static Path unpack(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : List.of("train_questions.json", "train_outputs.json", "test_questions.json",
                    "test_outputs.json")) {
                try (InputStream in = DemoRun.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "the demo data " + RESOURCES + name + " is missing from the jar");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo data into " + dir, e);
        }
    }
}

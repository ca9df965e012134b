package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.app.FileTrees;
import dev.hydra.eval.bench.SyntheticPreferences.UserData;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.heads.PairExample;
import dev.hydra.heads.PersonalizedScorer;
import dev.hydra.heads.ScorerConfig;
import dev.hydra.heads.TrainingOptions;
import dev.hydra.heads.TrainingReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra bench heads}: the factorized scorers on seeded synthetic preferences at the encoder's real
 * dimension. Writes {@code DIR/bench-heads.json} with {@code head_bytes} per head kind (file size as stored),
 * {@code train_pairs_per_s} per kind, {@code fit_seconds_per_user} (median over new users, 100 pairs, base
 * frozen), {@code score_ms} (median time to score 18 pairs of one user whose head is loaded; encoding
 * excluded), {@code rss_growth_mb} over single-pair scorings (VmRSS from /proc/self/status), and the held-out
 * AUCs (heads, base only, untrained) as a sanity check.
 */
@Command(name = "heads", mixinStandardHelpOptions = true,
        description = "Benchmark the per-user heads (size, training, fitting, scoring, memory) and write "
                + "DIR/bench-heads.json.")
public final class BenchHeadsCommand implements Callable<Integer> {

    private static final int PAIRS_PER_REQUEST = 18;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench-heads.json goes.")
    private Path out;

    @Option(names = "--dim", description = "Encoder dimension (default: ${DEFAULT-VALUE}, all-MiniLM-L6-v2).")
    private int dim = 384;

    @Option(names = "--users", description = "Training users (default: ${DEFAULT-VALUE}, 100 pairs each).")
    private int users = 50;

    @Option(names = "--new-users", description = "New users whose heads are fitted (default: ${DEFAULT-VALUE}).")
    private int newUsers = 5;

    @Option(names = "--epochs", description = "Most training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs = 10;

    @Option(names = "--scorings", description = "Single-pair scorings for the memory figure "
            + "(default: ${DEFAULT-VALUE}).")
    private int scorings = 100_000;

    @Option(names = "--seed", description = "Seed of the data and the training (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        Files.createDirectories(out);
        FileTrees.delete(out.resolve("bench-heads-store")); // every run starts from nothing
        SyntheticPreferences data = SyntheticPreferences.of(dim, 2, seed);
        List<UserData> training = data.users(users, "u", 10, 3, 10);
        List<UserData> newcomers = data.users(newUsers, "new", 10, 3, 10);
        List<PairExample> pairs = new ArrayList<>();
        training.forEach(u -> pairs.addAll(u.train()));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dim", dim);
        result.put("hidden", ScorerConfig.DEFAULT_HIDDEN);
        result.put("training_pairs", pairs.size());
        Map<String, Object> auc = new LinkedHashMap<>();
        PersonalizedScorer lowrank = trainBothKinds(pairs, training, result, auc, log);
        PersonalizedScorer untrained = PersonalizedScorer.create(ScorerConfig.defaults(dim, 2),
                new FileHeadStore(out.resolve("bench-heads-store/untrained")), HeadStore.RERANKER, seed);
        auc.put("untrained", round(meanAuc(training, e -> personal(untrained, e)), 3));

        log.println("bench heads: fitting " + newUsers + " new users ...");
        auc.put("lowrank_new_users_before_fit", round(meanAuc(newcomers, e -> personal(lowrank, e)), 3));
        result.put("fit_pairs_per_user", newcomers.get(0).train().size());
        result.put("fit_seconds_per_user", round(fitSeconds(lowrank, newcomers), 4));
        auc.put("lowrank_new_users_fitted", round(meanAuc(newcomers, e -> personal(lowrank, e)), 3));

        log.println("bench heads: scoring " + PAIRS_PER_REQUEST + " pairs of one user ...");
        result.put("score_pairs", PAIRS_PER_REQUEST);
        result.put("score_ms", round(scoreMillis(lowrank, training.get(0)), 4));

        log.println("bench heads: " + scorings + " single-pair scorings for the memory figure ...");
        memory(lowrank, training, result);
        result.put("auc", auc);

        Path file = out.resolve("bench-heads.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        spec.commandLine().getOut().println(Files.readString(file));
        return 0;
    }

    /** Trains a scorer of each head kind; returns the low-rank one. */
    private PersonalizedScorer trainBothKinds(List<PairExample> pairs, List<UserData> training,
            Map<String, Object> result, Map<String, Object> auc, PrintWriter log) throws IOException {
        Map<String, Object> headBytes = new LinkedHashMap<>();
        Map<String, Object> trainRate = new LinkedHashMap<>();
        PersonalizedScorer lowrank = null;
        for (String kind : List.of(ScorerConfig.HYDRA, ScorerConfig.LOWRANK)) {
            log.println("bench heads: training base + " + users + " " + kind + " heads on " + pairs.size()
                    + " pairs ...");
            FileHeadStore store = new FileHeadStore(out.resolve("bench-heads-store").resolve(kind));
            ScorerConfig config = new ScorerConfig(dim, 2, ScorerConfig.DEFAULT_HIDDEN, kind,
                    ScorerConfig.DEFAULT_RANK);
            PersonalizedScorer scorer = PersonalizedScorer.create(config, store, HeadStore.RERANKER, seed);
            TrainingReport report = scorer.train(pairs, TrainingOptions.training(seed).withEpochs(epochs));
            trainRate.put(kind, round(report.pairsPerSecond(), 1));
            headBytes.put(kind, Files.size(store.path(training.get(0).user(), HeadStore.RERANKER)));
            auc.put(kind + "_heads", round(meanAuc(training, e -> personal(scorer, e)), 3));
            auc.put(kind + "_base_only", round(meanAuc(training, e -> shared(scorer, e)), 3));
            if (kind.equals(ScorerConfig.LOWRANK)) {
                lowrank = scorer;
            }
        }
        result.put("head_bytes", headBytes);
        result.put("train_pairs_per_s", trainRate);
        return lowrank;
    }

    private static double fitSeconds(PersonalizedScorer scorer, List<UserData> newcomers) {
        double[] seconds = new double[newcomers.size()];
        for (int i = 0; i < seconds.length; i++) {
            UserData u = newcomers.get(i);
            List<PairExample> fitPairs = new ArrayList<>(u.train());
            seconds[i] = scorer.fit(u.user(), fitPairs, TrainingOptions.fitting(i)).seconds();
        }
        return median(seconds);
    }

    private static double scoreMillis(PersonalizedScorer scorer, UserData user) {
        List<PairExample> test = user.test();
        float[] query = test.get(0).query();
        float[][] items = new float[PAIRS_PER_REQUEST][];
        float[][] extras = new float[PAIRS_PER_REQUEST][];
        for (int i = 0; i < PAIRS_PER_REQUEST; i++) {
            items[i] = test.get(i % test.size()).item();
            extras[i] = test.get(i % test.size()).extras();
        }
        double sink = 0;
        for (int i = 0; i < 2000; i++) {
            sink += scorer.score(user.user(), query, items, extras)[0];
        }
        double[] millis = new double[2000];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            sink += scorer.score(user.user(), query, items, extras)[0];
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("a score was NaN");
        }
        return median(millis);
    }

    private void memory(PersonalizedScorer scorer, List<UserData> training, Map<String, Object> result)
            throws IOException {
        List<PairExample> all = new ArrayList<>();
        training.forEach(u -> all.addAll(u.test()));
        int warmup = Math.min(10_000, scorings);
        for (int i = 0; i < warmup; i++) {
            personal(scorer, all.get(i % all.size()));
        }
        long before = rssKb();
        for (int i = 0; i < scorings; i++) {
            personal(scorer, all.get(i % all.size()));
        }
        long after = rssKb();
        result.put("rss_before_mb", round(before / 1024.0, 1));
        result.put("rss_growth_mb", round((after - before) / 1024.0, 1));
        result.put("rss_scorings", scorings);
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    private static double personal(PersonalizedScorer scorer, PairExample e) {
        return scorer.score(e.user(), e.query(), new float[][] {e.item()}, new float[][] {e.extras()})[0];
    }

    private static double shared(PersonalizedScorer scorer, PairExample e) {
        return scorer.scoreShared(e.query(), new float[][] {e.item()}, new float[][] {e.extras()})[0];
    }

    private static double meanAuc(List<UserData> users, java.util.function.ToDoubleFunction<PairExample> score) {
        double sum = 0;
        for (UserData u : users) {
            double[] scores = u.test().stream().mapToDouble(score).toArray();
            int[] labels = u.test().stream().mapToInt(PairExample::label).toArray();
            sum += SyntheticPreferences.auc(scores, labels);
        }
        return sum / users.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}

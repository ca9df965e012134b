package dev.hydra.it.reliability;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.core.training.HydraModel;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The process that the crash scenario kills: it ingests, trains or saves heads, and acknowledges on standard
 * output each write that has returned (so is durable by contract), as {@code ACK <what> .}.
 *
 * <p>Usage: {@code CrashChild ingest|train|heads DIR SEED TRIAL}.
 */
public final class CrashChild {

    /** Users the ingest and head phases write for. */
    static final int USERS = 30;

    /** Users the training phase trains. */
    static final int TRAIN_USERS = 12;

    private CrashChild() {}

    /**
     * Runs one phase until done (training) or killed (ingest, heads).
     *
     * @param args phase, directory, seed, trial
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        int trial = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        switch (args[0]) {
            case "ingest" -> ingest(dir, seed, trial, out);
            case "heads" -> heads(dir, seed, trial, out);
            case "train" -> train(dir, seed, out);
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
        out.flush();
        System.exit(0);
    }

    private static void ingest(Path dir, long seed, int trial, PrintStream out) {
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir.resolve("history"),
                Optional.of(TinyTraining.ENCODER))) {
            for (int i = 0; i < 1_000_000; i++) {
                HistoryItem item = item(seed, trial, i);
                store.add(item);
                out.println("ACK " + item.userId() + " " + item.id() + " .");
                out.flush();
            }
        }
    }

    /** The i-th item a trial ingests: its text follows from its id, so that the parent can check it. */
    static HistoryItem item(long seed, int trial, int i) {
        UserId user = UserId.of(String.format(Locale.ROOT, "crash%02d", i % USERS));
        String id = "t" + trial + "-" + i;
        return new HistoryItem(id, user, text(seed, id), "output of " + id, Instant.ofEpochSecond(i), Map.of());
    }

    static String text(long seed, String id) {
        return "item " + id + " of seed " + seed + " about "
                + Long.toHexString(new Random(seed ^ id.hashCode()).nextLong());
    }

    private static void heads(Path dir, long seed, int trial, PrintStream out) {
        FileHeadStore store = new FileHeadStore(dir.resolve("model"));
        for (int i = 0; i < 1_000_000; i++) {
            UserId user = UserId.of(String.format(Locale.ROOT, "crash%02d", i % USERS));
            long version = trial * 1_000_000L + i;
            store.save(user, "reranker", head(seed, user, version));
            out.println("ACK " + user + " " + version + " .");
            out.flush();
        }
    }

    /** A head whose values follow from its user and version, which its kind names. */
    static HeadParameters head(long seed, UserId user, long version) {
        Random r = new Random(seed ^ (user.value().hashCode() * 31L + version));
        float[] values = new float[4_096];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextFloat();
        }
        return new HeadParameters("crash:" + version, values);
    }

    private static void train(Path dir, long seed, PrintStream out) {
        try (LuceneHistoryStore store = LuceneHistoryStore.open(dir.resolve("history"))) {
            CanaryHistory history = CanaryHistory.generate("crash", TRAIN_USERS, 6, seed);
            store.addAll(history.allItems());
            out.println("ACK history .");
            out.flush();
            try (HydraModel model = TinyTraining.train(store, dir.resolve("models").resolve("m"),
                    dir.resolve("cache").resolve("llm"), history.users(), seed)) {
                out.println("ACK model " + model.manifest().get("data_fingerprint") + " .");
                out.flush();
            }
        }
    }

    static List<UserId> trainUsers(long seed) {
        return CanaryHistory.generate("crash", TRAIN_USERS, 6, seed).users();
    }
}

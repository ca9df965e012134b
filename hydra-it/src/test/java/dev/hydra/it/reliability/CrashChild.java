package dev.hydra.it.reliability;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.training.HydraModel;
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
 * <p>Usage: {@code CrashChild ingest|train|heads DIR SEED TRIAL STORE}, STORE as {@link ScenarioStore#spec} gives it:
 * the history and heads in folders under DIR, or in the phase's schema of a PostgreSQL server.
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
     * @param args phase, directory, seed, trial, store
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        int trial = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        ScenarioStore stores = ScenarioStore.of(args[4]);
        switch (args[0]) {
            case "ingest" -> ingest(stores, dir, seed, trial, out);
            case "heads" -> heads(stores, dir, seed, trial, out);
            case "train" -> train(stores, dir, seed, out);
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
        out.flush();
        System.exit(0);
    }

    private static void ingest(ScenarioStore stores, Path dir, long seed, int trial, PrintStream out) {
        try (ScenarioState state = stores.open(dir, "crash_ingest", Optional.of(TinyTraining.ENCODER), false)) {
            HistoryStore store = state.history();
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

    private static void heads(ScenarioStore stores, Path dir, long seed, int trial, PrintStream out) {
        try (ScenarioState state = stores.open(dir, "crash_heads", Optional.empty(), false)) {
            HeadStore store = state.heads(dir.resolve("model"));
            for (int i = 0; i < 1_000_000; i++) {
                UserId user = UserId.of(String.format(Locale.ROOT, "crash%02d", i % USERS));
                long version = trial * 1_000_000L + i;
                store.save(user, "reranker", head(seed, user, version));
                out.println("ACK " + user + " " + version + " .");
                out.flush();
            }
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

    private static void train(ScenarioStore stores, Path dir, long seed, PrintStream out) {
        try (ScenarioState state = stores.open(dir, "crash_train", Optional.empty(), false)) {
            HistoryStore store = state.history();
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

package dev.hydra.it.reliability;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.training.HydraModel;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.postgres.PostgresDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Scenario 3, crashes: a child process ingests, trains or saves heads (in folders or in PostgreSQL) and is killed
 * with SIGKILL at a seeded random moment; then the parent reopens everything and checks that the store opens, every
 * acknowledged write is there, and no damaged or half-written file or row is ever loaded (a damaged one fails with a
 * clear error).
 */
final class CrashScenario {

    private CrashScenario() {}

    static Map<String, Object> run(Path home, ScenarioStore stores, Sizes sizes, long seed, PrintWriter log)
            throws IOException, InterruptedException {
        Random random = new Random(seed);
        Path errLog = home.resolve("children.log");
        Files.createDirectories(home);
        Map<String, Object> phases = new LinkedHashMap<>();
        int trials = 0;
        int recovered = 0;
        long lost = 0;
        for (String phase : List.of("ingest", "train", "heads")) {
            Path dir = home.resolve(phase);
            // a phase starts from nothing: its folder is new, its schema emptied
            stores.open(dir, "crash_" + phase, Optional.empty(), true).close();
            Phase p = new Phase();
            long span = 2_500;
            if (phase.equals("train")) {
                ChildProcess.Outcome whole = ChildProcess.run(phase, dir, stores, seed, 0, Long.MAX_VALUE, false,
                        errLog);
                span = whole.millis();
                p.put("uninterrupted_ms", span);
                p.put("uninterrupted_run_verified", verifyTrain(stores, dir, seed, whole.acks()).recovered());
            }
            log.printf(Locale.ROOT, "crashes: %s, %d kills ...%n", phase, sizes.crashTrials());
            Map<UserId, Long> ackedHeads = new HashMap<>();
            List<String> ackedItems = new ArrayList<>();
            for (int t = 1; t <= sizes.crashTrials(); t++) {
                // training is killed anywhere in its run; ingest and head saving while they write
                boolean training = phase.equals("train");
                long delay = training ? (long) (span * (0.15 + 0.85 * random.nextDouble()))
                        : random.nextInt((int) span);
                ChildProcess.Outcome o = ChildProcess.run(phase, dir, stores, seed, t, delay, !training, errLog);
                p.trials++;
                p.killed += o.killed() ? 1 : 0;
                p.acks += o.acks().size();
                Verdict v = switch (phase) {
                    case "ingest" -> {
                        ackedItems.addAll(o.acks());
                        yield verifyIngest(stores, dir, seed, ackedItems);
                    }
                    case "heads" -> {
                        for (String ack : o.acks()) {
                            String[] parts = ack.split(" ");
                            ackedHeads.merge(UserId.of(parts[0]), Long.parseLong(parts[1]), Math::max);
                        }
                        yield verifyHeads(stores, dir, seed, ackedHeads);
                    }
                    default -> verifyTrain(stores, dir, seed, o.acks());
                };
                p.check(v);
            }
            if (phase.equals("heads")) {
                p.put("damaged_heads_detected", damageHeads(stores, dir, ackedHeads));
            }
            phases.put(phase, p.report());
            trials += p.trials;
            recovered += p.recovered;
            lost += p.lost;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crash_trials", trials);
        out.put("recovered", recovered);
        out.put("lost_acknowledged", lost);
        out.putAll(phases);
        return out;
    }

    /** What one check after a kill found. */
    record Verdict(boolean opened, long lost, long halfLoaded, long damagedDetected, String problem) {
        boolean recovered() {
            return opened && lost == 0 && halfLoaded == 0;
        }
    }

    private static Verdict verifyIngest(ScenarioStore stores, Path dir, long seed, List<String> acked) {
        try (ScenarioState state = stores.open(dir, "crash_ingest", Optional.of(TinyTraining.ENCODER), false)) {
            HistoryStore store = state.history();
            long lost = 0;
            for (String ack : acked) {
                String[] parts = ack.split(" ");
                Optional<HistoryItem> item = store.get(UserId.of(parts[0]), parts[1]);
                lost += item.isPresent() && item.get().input().equals(CrashChild.text(seed, parts[1])) ? 0 : 1;
            }
            return new Verdict(true, lost, 0, 0, lost == 0 ? null : lost + " acknowledged items missing");
        } catch (RuntimeException e) {
            return new Verdict(false, acked.size(), 0, 0, "the store does not open: " + e);
        }
    }

    private static Verdict verifyHeads(ScenarioStore stores, Path dir, long seed, Map<UserId, Long> acked) {
        try (ScenarioState state = stores.open(dir, "crash_heads", Optional.empty(), false)) {
            return verifyHeads(heads(state, dir), seed, acked);
        }
    }

    /** The heads of the heads phase, uncached: every load reads what the child left. */
    private static HeadStore heads(ScenarioState state, Path dir) {
        return state.database().isPresent() ? state.heads(dir) : new FileHeadStore(dir.resolve("model"), 0);
    }

    private static Verdict verifyHeads(HeadStore store, long seed, Map<UserId, Long> acked) {
        long lost = 0;
        long half = 0;
        long damaged = 0;
        for (int u = 0; u < CrashChild.USERS; u++) {
            UserId user = UserId.of(String.format(Locale.ROOT, "crash%02d", u));
            Long ackedVersion = acked.get(user);
            try {
                Optional<HeadParameters> head = store.load(user, HeadStore.RERANKER);
                if (head.isEmpty()) {
                    lost += ackedVersion == null ? 0 : 1;
                    continue;
                }
                long version = Long.parseLong(head.get().kind().substring("crash:".length()));
                if (!Arrays.equals(head.get().values(), CrashChild.head(seed, user, version).values())) {
                    half++;
                }
                lost += ackedVersion != null && version < ackedVersion ? 1 : 0;
            } catch (CorruptDataException e) {
                damaged++;
                lost += ackedVersion == null ? 0 : 1;
            }
        }
        return new Verdict(true, lost, half, damaged, lost + half == 0 ? null
                : lost + " acknowledged heads missing, " + half + " heads with wrong values");
    }

    private static Verdict verifyTrain(ScenarioStore stores, Path dir, long seed, List<String> acks) {
        Path modelDir = dir.resolve("models").resolve("m");
        long lost = 0;
        long damaged = 0;
        try (ScenarioState state = stores.open(dir, "crash_train", Optional.empty(), false)) {
            HistoryStore store = state.history();
            if (acks.contains("history")) {
                for (UserId user : CrashChild.trainUsers(seed)) {
                    lost += store.count(user) == 6 ? 0 : 1;
                }
            }
        } catch (RuntimeException e) {
            return new Verdict(false, 1, 0, 0, "the store does not open: " + e);
        }
        // every cache entry is read; damaged ones and leftovers of a cut write are discarded, never returned
        damaged += new LlmResponseCache(dir.resolve("cache").resolve("llm")).purge(text -> false);
        boolean modelAcked = acks.stream().anyMatch(a -> a.startsWith("model "));
        try (HydraModel model = HydraModel.load(modelDir, TinyTraining.scorers(modelDir))) {
            FileHeadStore heads = new FileHeadStore(modelDir, 0);
            for (UserId user : CrashChild.trainUsers(seed)) {
                heads.load(user, HeadStore.RERANKER);
                heads.load(user, HeadStore.ADAPTER);
            }
        } catch (CorruptDataException e) {
            // an incomplete model (no manifest yet) is reported, not loaded
            damaged++;
            lost += modelAcked ? 1 : 0;
        } catch (RuntimeException e) {
            return new Verdict(true, lost + 1, 0, damaged, "the model fails unclearly: " + e);
        }
        return new Verdict(true, lost, 0, damaged, lost == 0 ? null : lost + " acknowledged writes lost");
    }

    /**
     * Truncates one head file (row) and flips a byte of another; counts how many loads refuse them. In PostgreSQL
     * the rows are changed behind the store's back, and read by a store that has cached nothing.
     */
    private static String damageHeads(ScenarioStore stores, Path dir, Map<UserId, Long> acked) throws IOException {
        List<UserId> users = new ArrayList<>(acked.keySet());
        users.sort(null);
        int made = 0;
        int detected = 0;
        try (ScenarioState state = stores.open(dir, "crash_heads", Optional.empty(), false)) {
            HeadStore store = heads(state, dir);
            for (int i = 0; i < Math.min(2, users.size()); i++) {
                if (state.database().isPresent()) {
                    damageRow(state.database().get(), users.get(i), i == 0);
                } else {
                    damageFile(((FileHeadStore) store).path(users.get(i), HeadStore.RERANKER), i == 0);
                }
                made++;
                try {
                    store.load(users.get(i), HeadStore.RERANKER);
                } catch (CorruptDataException e) {
                    detected++;
                }
            }
        }
        return detected + " of " + made;
    }

    private static void damageFile(Path file, boolean truncate) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (truncate) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(bytes.length / 2);
            }
        } else {
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(file, bytes);
        }
    }

    private static void damageRow(PostgresDatabase db, UserId user, boolean truncate) {
        String change = truncate ? "substring(head from 1 for length(head) / 2)"
                : "set_byte(head, length(head) / 2, get_byte(head, length(head) / 2) # 16)";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE hydra_head SET head = " + change + " WHERE user_id = ? AND module = ?")) {
            ps.setString(1, user.value());
            ps.setString(2, HeadStore.RERANKER);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no head row of " + user + " to damage");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot damage the head row of " + user + ": " + e.getMessage(), e);
        }
    }

    /** The tallies of one phase. */
    private static final class Phase {
        int trials;
        int killed;
        long acks;
        int recovered;
        long lost;
        long halfLoaded;
        long damagedDetected;
        final List<String> problems = new ArrayList<>();
        final Map<String, Object> extra = new LinkedHashMap<>();

        void check(Verdict v) {
            recovered += v.recovered() ? 1 : 0;
            lost += v.lost();
            halfLoaded += v.halfLoaded();
            damagedDetected += v.damagedDetected();
            if (v.problem() != null && problems.size() < 5) {
                problems.add(v.problem());
            }
        }

        void put(String key, Object value) {
            extra.put(key, value);
        }

        Map<String, Object> report() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("trials", trials);
            out.put("killed", killed);
            out.put("acknowledged", acks);
            out.put("recovered", recovered);
            out.put("lost_acknowledged", lost);
            out.put("half_written_loaded", halfLoaded);
            out.put("damaged_detected", damagedDetected);
            out.putAll(extra);
            out.put("problems", problems);
            return out;
        }
    }
}

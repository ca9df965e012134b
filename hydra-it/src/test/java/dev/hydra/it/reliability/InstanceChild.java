package dev.hydra.it.reliability;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHeadStore;
import dev.hydra.postgres.PostgresHistoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One instance of the two-instances scenario: a process that opens the shared schema as a service behind a load
 * balancer would, ingests seeded batches for every user on a thread of its own (reading a random user's history
 * after each, checking every item is that user's), and saves and loads heads as the parent tells it on standard
 * input. It acknowledges each batch whose {@code addAll} returned as {@code ACK <user> <batch> <size> .}, and
 * reports any item of another user as {@code LEAK}.
 *
 * <p>Usage: {@code InstanceChild JDBC_URL SCHEMA NAME SEED}; commands on standard input, one a line:
 * {@code save H V} (save head version V of head user H; answers {@code SAVED V .}), {@code read H SYNC} (with SYNC
 * 1, first wait until the store has heard every head change committed before ({@link PostgresHeadStore#awaitChanges});
 * then load head user H; answers {@code HEAD H V .} or {@code HEAD H none .}), {@code quit} (stops ingesting;
 * answers {@code BYE .}).
 */
public final class InstanceChild {

    /** Users both instances write and read. */
    static final int USERS = 8;

    private final PostgresHistoryStore history;
    private final PostgresHeadStore heads;
    private final String name;
    private final long seed;
    private final PrintStream out;
    private final AtomicBoolean stop = new AtomicBoolean();

    private InstanceChild(PostgresHistoryStore history, PostgresHeadStore heads, String name, long seed,
            PrintStream out) {
        this.history = history;
        this.heads = heads;
        this.name = name;
        this.seed = seed;
        this.out = out;
    }

    /**
     * Serves until told to quit or killed.
     *
     * @param args the URL, the schema, the instance's name, the seed
     * @throws Exception when the instance cannot run (exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[3]);
        try (PostgresDatabase db = PostgresDatabase.open(args[0], args[1], 6);
                PostgresHistoryStore history = PostgresHistoryStore.open(db, Optional.empty());
                PostgresHeadStore heads = PostgresHeadStore.open(db)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!heads.listening()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the head store did not start listening in 2 minutes");
                }
                Thread.sleep(10);
            }
            new InstanceChild(history, heads, args[2], seed, System.out).serve();
        }
        System.exit(0);
    }

    private void serve() throws IOException, InterruptedException {
        say("READY .");
        Thread ingest = new Thread(this::ingest, "instance-ingest");
        ingest.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "save" -> {
                    long version = Long.parseLong(words[2]);
                    heads.save(headUser(Integer.parseInt(words[1])), HeadStore.RERANKER,
                            head(seed, Integer.parseInt(words[1]), version));
                    say("SAVED " + version + " .");
                }
                case "read" -> say(read(Integer.parseInt(words[1]), words[2].equals("1")));
                case "quit" -> {
                    stop.set(true);
                    ingest.join();
                    say("BYE .");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }

    /** Loads a head; with sync, once the store has heard every change committed before (so the other's save). */
    private String read(int h, boolean sync) {
        if (sync && !heads.awaitChanges(Duration.ofMinutes(2))) {
            return "TIMEOUT awaiting the head changes .";
        }
        Optional<HeadParameters> head = heads.load(headUser(h), HeadStore.RERANKER);
        if (head.isEmpty()) {
            return "HEAD " + h + " none .";
        }
        long version = Long.parseLong(head.get().kind().substring("v:".length()));
        boolean whole = Arrays.equals(head.get().values(), head(seed, h, version).values());
        return (whole ? "HEAD " : "BADHEAD ") + h + " " + version + " .";
    }

    private void ingest() {
        SplittableRandom random = new SplittableRandom(seed ^ name.hashCode());
        for (int i = 0; !stop.get(); i++) {
            UserId user = user(random.nextInt(USERS));
            int size = 1 + random.nextInt(5);
            String batch = name + "-" + i;
            List<HistoryItem> items = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                String id = batch + "-" + j + "of" + size;
                items.add(new HistoryItem(id, user, text(seed, user, id), "output of " + id, Instant.ofEpochSecond(i),
                        Map.of()));
            }
            history.addAll(items);
            say("ACK " + user.value() + " " + batch + " " + size + " .");
            UserId other = user(random.nextInt(USERS));
            for (HistoryItem item : history.list(other)) {
                if (!item.userId().equals(other) || !item.input().startsWith(marker(other))) {
                    say("LEAK " + other.value() + " " + item.id() + " .");
                }
            }
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    static UserId user(int u) {
        return UserId.of(String.format(Locale.ROOT, "two%02d", u));
    }

    static UserId headUser(int h) {
        return UserId.of("twohead" + h);
    }

    static String marker(UserId user) {
        return "marker:" + user.value() + " ";
    }

    /** An item's input: its user's marker, then text that follows from the seed and its id. */
    static String text(long seed, UserId user, String id) {
        return marker(user) + "item " + id + " of seed " + seed;
    }

    /** Head version V of head user H: its values follow from the seed, H and V, which its kind names. */
    static HeadParameters head(long seed, int h, long version) {
        Random r = new Random(seed ^ (h * 1_000_003L + version));
        float[] values = new float[256];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextFloat();
        }
        return new HeadParameters("v:" + version, values);
    }
}

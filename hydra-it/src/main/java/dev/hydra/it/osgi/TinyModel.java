package dev.hydra.it.osgi;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Role;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.minilm.MiniLmTextEncoder;
import dev.hydra.retrievers.Bm25RetrieverProvider;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HYDRA model for the OSGi check, trained on the class path: two users' small histories about tyres and
 * soups, the default MiniLM encoder, a black box that copies the outputs of its demonstrations, and
 * {@link HydraTrainer} with DJL heads, as {@code hydra train} does with less data.
 *
 * <p>The check trains it in a child JVM ({@link #start}): PyTorch's and the tokenizers' natives bind to the first
 * class loader that loads them, and the check's own JVM loads them inside the framework's bundles.
 */
public final class TinyModel {

    /** The users the model is trained for; each gets heads. */
    public static final List<String> USERS = List.of("ana", "ben");

    private TinyModel() {}

    /**
     * Trains the model into a directory.
     *
     * @param args the model directory, then a scratch directory for the history index
     */
    @SuppressForbidden // a program run in a child JVM: its summary line is its output
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (HydraModel model = train(Path.of(args[0]), Path.of(args[1]))) {
            System.out.printf(Locale.ROOT, "trained %s in %.1f s: %s reranker pairs, %s adapter pairs%n", model.dir(),
                    (System.nanoTime() - start) / 1e9, model.manifest().get("reranker_pairs"),
                    model.manifest().get("adapter_pairs"));
        }
    }

    /**
     * Trains the model in this JVM.
     *
     * @param dir the model directory
     * @param scratch a directory for the history index
     * @return the model
     */
    public static HydraModel train(Path dir, Path scratch) {
        MiniLmTextEncoder encoder = new MiniLmTextEncoder();
        try (LuceneHistoryStore store = LuceneHistoryStore.open(scratch.resolve("history"))) {
            store.addAll(history());
            HydraTrainer trainer = HydraTrainer.builder().store(store)
                    .retriever(new Bm25RetrieverProvider().create(RetrieverContext.of(store)))
                    .task(BuiltInTasks.find("chat").orElseThrow()).backend(new CopyingBackend())
                    .scorers(new DjlScorerFactory(encoder, new FileHeadStore(dir)))
                    .config(new HydraConfig(5, 2, 2, 1.0, 32, 7L)).pseudoQueriesPerUser(4).build();
            return trainer.train(USERS.stream().map(UserId::of).toList(), List.of(), dir);
        }
    }

    private static List<HistoryItem> history() {
        String[][] topics = {
                {"Which tyres for gravel riding?", "How to fix a puncture?", "What pressure for wide tyres?",
                        "Best tyres for wet roads?", "Do tubeless tyres need sealant?"},
                {"Best soup for winter evenings?", "A quick soup for lunch?", "What goes well with lentils?"},
        };
        String[][] answers = {
                {"Tubeless, always: 40 mm gravel tyres", "Tubeless plugs, then sealant", "Low pressure, tubeless",
                        "Tubeless with a grippy tread", "Tubeless needs fresh sealant"},
                {"Lentil soup with cumin", "Lentil soup, ready in 20 minutes", "Cumin and lemon"},
                {"Inner tubes, they are simple", "Patch the inner tube", "High pressure with inner tubes",
                        "Inner tubes and mudguards", "Inner tubes need no sealant"},
                {"Tomato soup with basil", "Tomato soup from a can", "Rice and tomatoes"},
        };
        List<HistoryItem> items = new ArrayList<>();
        for (int u = 0; u < USERS.size(); u++) {
            UserId user = UserId.of(USERS.get(u));
            for (int t = 0; t < topics.length; t++) {
                for (int i = 0; i < topics[t].length; i++) {
                    items.add(HistoryItem.of("t" + t + "-" + i, user, topics[t][i], answers[2 * u + t][i]));
                }
            }
        }
        return items;
    }

    /**
     * Starts the training in a child JVM on this JVM's class path.
     *
     * @param dir the model directory
     * @param scratch a directory for the history index and the child's log
     * @return the child process; see {@link #await}
     * @throws IOException when the JVM cannot be started
     */
    public static Process start(Path dir, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-XX:+UseSerialGC"));
        command.add(TinyModel.class.getName());
        command.add(dir.toAbsolutePath().toString());
        command.add(scratch.toAbsolutePath().toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("train.log").toFile()).start();
    }

    /**
     * Waits for a child started by {@link #start}.
     *
     * @param child the process
     * @param scratch the directory given to {@link #start}
     * @param timeout how long to wait
     * @return the child's last line (how long training took and on how many pairs)
     * @throws IllegalStateException when it failed or took too long; the message has the end of its log
     * @throws IOException when the log cannot be read
     * @throws InterruptedException when interrupted
     */
    public static String await(Process child, Path scratch, Duration timeout) throws IOException, InterruptedException {
        boolean done = child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            child.destroyForcibly();
        }
        List<String> log = Files.readAllLines(scratch.resolve("train.log"), StandardCharsets.UTF_8);
        String tail = String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size()));
        if (!done || child.exitValue() != 0) {
            throw new IllegalStateException("training the tiny model " + (done ? "failed (exit " + child.exitValue()
                    + ")" : "took more than " + timeout) + ":\n" + tail);
        }
        return log.isEmpty() ? "" : log.get(log.size() - 1);
    }

    /** A black box that answers sample {@code i} with the output of its {@code i}-th demonstration (cycled). */
    private static final class CopyingBackend implements LlmBackend {

        @Override
        public String name() {
            return "copying";
        }

        @Override
        public String modelId() {
            return "copying-demonstrations";
        }

        @Override
        public Generation generate(Prompt prompt, Sampling sampling) {
            List<String> outputs = prompt.turns().stream().filter(t -> t.role() == Role.ASSISTANT)
                    .map(ChatTurn::text).toList();
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < sampling.n(); i++) {
                candidates.add(new Candidate(outputs.isEmpty() ? "no idea" : outputs.get(i % outputs.size()), i));
            }
            return Generation.of(candidates, TokenUsage.ZERO);
        }
    }
}

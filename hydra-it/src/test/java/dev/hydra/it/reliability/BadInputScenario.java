package dev.hydra.it.reliability;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.Prompt;
import dev.hydra.api.Query;
import dev.hydra.api.Role;
import dev.hydra.api.Sampling;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.data.HistoryIngest;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.task.ChatTask;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.llamacpp.LlmSpec;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 5, bad input: seeded malformed inputs to every reader (JSON Lines and LaMP files, model manifests,
 * head files, LLM cache entries, LLM specs, settings), to user ids and to {@code personalize}; each must be
 * accepted or rejected with a documented exception that says what is wrong. On PostgreSQL, head rows and cached
 * answers' rows are mutated too ({@link BadRows}).
 */
final class BadInputScenario {

    private static final String HUGE = "x".repeat(10 << 20);

    private BadInputScenario() {}

    static Map<String, Object> run(Path home, ScenarioStore stores, Sizes sizes, long seed, PrintWriter log)
            throws IOException {
        Files.createDirectories(home);
        Mutator m = new Mutator(seed);
        Tally tally = new Tally();
        int n = sizes.badInputs();
        log.printf(Locale.ROOT, "bad input: %,d malformed inputs ...%n", n);
        CanaryHistory history = CanaryHistory.generate("bad", 20, 5, seed);
        try (ScenarioState state = stores.open(home, "bad_input", Optional.empty(), true)) {
            HistoryStore store = state.history();
            store.addAll(history.allItems());
            BadRows rows = state.database()
                    .map(db -> new BadRows(db, state.heads(home), state.cache(home), key())).orElse(null);
            Hydra hydra = Hydra.builder()
                    .retriever(
                            ScenarioState.bm25(store))
                    .backend(TinyTraining.echo()).task(new ChatTask()).addTasks(BuiltInTasks.all())
                    .config(new HydraConfig(10, 4, 2, 1.0, 64, seed)).build();
            Files.createDirectories(home.resolve("files"));
            byte[] head = headFile(home.resolve("heads-valid"));
            byte[] entry = cacheEntry(home.resolve("cache-valid"));
            for (int i = 0; i < n; i++) {
                switch (i % 10) {
                    case 0 -> userId(m, tally);
                    case 1, 2 -> jsonl(m, tally, home.resolve("files"), i);
                    case 3, 4 -> lamp(m, tally, home.resolve("files"), i);
                    case 5 -> manifest(m, tally, home.resolve("model"));
                    case 6 -> {
                        binary(m, tally, home, head, entry);
                        if (rows != null) {
                            rows.head(m, tally, i);
                            rows.entry(m, tally);
                        }
                    }
                    case 7 -> settings(m, tally);
                    default -> personalize(m, tally, hydra, history);
                }
            }
            huge(tally, hydra, home.resolve("files"));
        }
        return tally.report();
    }

    private static void userId(Mutator m, Tally tally) {
        String s = m.string();
        tally.run("user_id", () -> UserId.of(s));
    }

    private static void jsonl(Mutator m, Tally tally, Path dir, int i) throws IOException {
        String valid = "{\"user_id\":\"u1\",\"id\":\"a1\",\"input\":\"an input\",\"output\":\"an output\","
                + "\"timestamp\":\"2018-03-02T10:00:00Z\",\"attributes\":{\"title\":\"t\"}}\n"
                + "{\"user_id\":\"u2\",\"id\":\"7\",\"input\":\"x\",\"output\":\"y\",\"timestamp\":1520000000}\n";
        Path file = dir.resolve("data" + (i % 7) + ".jsonl");
        Files.write(file, m.mutate(valid.getBytes(StandardCharsets.UTF_8)));
        tally.run("jsonl_file", () -> HistoryIngest.ingest(new InMemoryHistoryStore(), file));
    }

    private static void lamp(Mutator m, Tally tally, Path dir, int i) throws IOException {
        Path task = dir.resolve(i % 3 == 0 ? "LaMP_2M" : "unknown_task");
        Files.createDirectories(task);
        String questions = "[{\"id\":\"q1\",\"user_id\":\"u1\",\"input\":\"description: a film\",\"profile\":["
                + "{\"id\":\"p1\",\"description\":\"a ship\",\"tag\":\"comedy\",\"date\":\"2018-01-01\"},"
                + "{\"id\":\"p2\",\"description\":\"a war\",\"tag\":\"drama\"}]},"
                + "{\"id\":\"q2\",\"input\":\"description: x\",\"profile\":[]}]";
        String outputs = "{\"task\":\"LaMP_2M\",\"golds\":[{\"id\":\"q1\",\"output\":\"comedy\"}]}";
        Path q = task.resolve("dev_questions.json");
        Path o = task.resolve("dev_outputs.json");
        boolean both = m.random().nextBoolean();
        Files.write(q, m.random().nextInt(4) == 0 ? questions.getBytes(StandardCharsets.UTF_8)
                : m.mutate(questions.getBytes(StandardCharsets.UTF_8)));
        if (both) {
            Files.write(o, m.mutate(outputs.getBytes(StandardCharsets.UTF_8)));
        } else {
            Files.deleteIfExists(o);
        }
        tally.run("lamp_files", () -> HistoryIngest.ingest(new InMemoryHistoryStore(), q));
        tally.run("lamp_files", () -> LampReader.readSplit(task, "dev"));
    }

    private static void manifest(Mutator m, Tally tally, Path dir) throws IOException {
        Files.createDirectories(dir);
        String valid = "{\"format\":1,\"task\":\"chat\",\"scorer\":{\"encoder\":\"stub\"},\"trainer\":{"
                + "\"pseudo_queries_per_user\":2,\"m\":5,\"k\":2,\"n\":2,\"temperature\":1.0,\"max_tokens\":32,"
                + "\"seed\":1},\"training_users\":[\"u1\"]}";
        Files.write(dir.resolve(HydraModel.MANIFEST), m.mutate(valid.getBytes(StandardCharsets.UTF_8)));
        tally.run("model_manifest", () -> {
            try (HydraModel model = HydraModel.load(dir, new StubScorers())) {
                model.task();
                HydraTrainer.builder().settingsOf(model);
            }
        });
    }

    private static byte[] headFile(Path dir) throws IOException {
        FileHeadStore store = new FileHeadStore(dir);
        store.save(UserId.of("u1"), "reranker", new HeadParameters("lowrank:h=4,r=1", new float[] {1, 2, 3, 4}));
        return Files.readAllBytes(store.path(UserId.of("u1"), "reranker"));
    }

    private static CacheKey key() {
        return CacheKey.of("b", "m", new Prompt(List.of(ChatTurn.user("q"))), new Sampling(1, 1.0, 8, 0), 0);
    }

    private static byte[] cacheEntry(Path dir) throws IOException {
        LlmResponseCache cache = new LlmResponseCache(dir);
        cache.put(key(), "an answer");
        return Files.readAllBytes(cache.fileOf(key()));
    }

    private static void binary(Mutator m, Tally tally, Path home, byte[] head, byte[] entry) throws IOException {
        FileHeadStore heads = new FileHeadStore(home.resolve("heads-bad"), 0);
        Path headPath = heads.path(UserId.of("u1"), "reranker");
        Files.createDirectories(headPath.getParent());
        Files.write(headPath, m.mutate(head));
        tally.run("head_file", () -> heads.load(UserId.of("u1"), "reranker"));
        LlmResponseCache cache = new LlmResponseCache(home.resolve("cache-bad"));
        Path entryPath = cache.fileOf(key());
        Files.createDirectories(entryPath.getParent());
        Files.write(entryPath, m.mutate(entry));
        tally.run("llm_cache_entry", () -> cache.get(key()));
    }

    private static void settings(Mutator m, Tally tally) {
        String spec = m.random().nextBoolean() ? m.string() : m.pick(List.of("gguf:", "openai:", "smollm2"))
                + m.string();
        tally.run("llm_spec", () -> LlmSpec.parse(spec));
        int[] v = new int[7];
        for (int j = 0; j < v.length; j++) {
            v[j] = m.pick(List.of(-1, 0, 1, 4, 64, 65, Integer.MAX_VALUE, Integer.MIN_VALUE));
        }
        double t = m.pick(List.of(-1.0, 0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, 1e9));
        tally.run("settings", () -> new HydraConfig(v[0], v[1], v[2], t, v[3], v[4]).sampling());
        tally.run("settings", () -> HydraTrainer.builder().pseudoQueriesPerUser(v[5])
                .config(new HydraConfig(v[0], v[1], v[2], t, v[3], v[4])));
    }

    private static void personalize(Mutator m, Tally tally, Hydra hydra, CanaryHistory history) {
        List<UserId> users = history.users();
        boolean nasty = m.random().nextInt(4) == 0;
        String userText = nasty ? m.string() : users.get(m.random().nextInt(users.size())).value();
        List<Role> roles = List.of(Role.values());
        int turns = m.random().nextInt(4);
        List<String> texts = new ArrayList<>();
        List<Role> turnRoles = new ArrayList<>();
        for (int j = 0; j < turns; j++) {
            texts.add(m.string());
            turnRoles.add(m.random().nextInt(3) == 0 ? m.pick(roles) : Role.USER);
        }
        String task = m.random().nextInt(5) == 0 ? m.string() : ChatTask.NAME;
        tally.run("personalize", () -> {
            UserId user = UserId.of(userText);
            List<ChatTurn> messages = new ArrayList<>();
            for (int j = 0; j < texts.size(); j++) {
                messages.add(new ChatTurn(turnRoles.get(j), texts.get(j)));
            }
            if (task.equals(ChatTask.NAME)) {
                hydra.personalize(user, messages);
            } else {
                hydra.personalize(new Query(user, texts.isEmpty() ? "" : texts.get(0), task));
            }
        });
    }

    /** The 10 MB cases: a user id, a history field, a LaMP field and a message of 10 MB. */
    private static void huge(Tally tally, Hydra hydra, Path dir) throws IOException {
        tally.run("user_id", () -> UserId.of(HUGE));
        Path file = dir.resolve("huge.jsonl");
        Files.writeString(file, "{\"user_id\":\"u1\",\"id\":\"a\",\"input\":\"" + HUGE + "\",\"output\":\"o\"}\n");
        tally.run("jsonl_file", () -> HistoryIngest.ingest(new InMemoryHistoryStore(), file));
        Path task = Files.createDirectories(dir.resolve("LaMP_2M"));
        Files.writeString(task.resolve("dev_questions.json"), "[{\"id\":\"q1\",\"input\":\"" + HUGE
                + "\",\"profile\":[]}]");
        Files.deleteIfExists(task.resolve("dev_outputs.json"));
        tally.run("lamp_files", () -> LampReader.readSplit(task, "dev"));
        tally.run("personalize", () -> hydra.personalize(UserId.of("bad0001"), List.of(ChatTurn.user(HUGE))));
    }
}

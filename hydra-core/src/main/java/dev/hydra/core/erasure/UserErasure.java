package dev.hydra.core.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.llm.ResponseCache;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Erases users from everything Hydra keeps about them: their history items (the store compacted, so no file keeps
 * their bytes), their heads, the rows of trained models' work files ({@code <model>/work/*.jsonl}, written by
 * {@code HydraTrainer}) that are theirs or hold their history, their ids in model manifests, and every LLM response
 * cache entry whose prompt or answer holds a text of their history (cache keys carry no user id, so entries are
 * found by content). A model kept as versions ({@code ModelVersions}: {@code <model>/v000001/...}) is erased in
 * every version.
 *
 * <p>Texts shorter than 8 characters (labels, ratings) are not searched for in the cache: they are shared by many
 * users and identify no one. The shared bases, trained on many users, are kept. For example, a Hydra home:
 * <pre>{@code
 * UserErasure.Report erased = UserErasure.builder()
 *         .historyStore(history)
 *         .models(home.resolve("models"), FileHeadStore::new)   // every model directory, with its heads
 *         .responseCache(new LlmResponseCache(home.resolve("cache/llm")))
 *         .build()
 *         .forget(List.of(UserId.of("alice")));
 * }</pre>
 * <b>Thread-safety:</b> run one erasure at a time per home; requests for other users may go on meanwhile.
 *
 * @since 0.1
 */
public final class UserErasure {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What was erased.
     *
     * @param items history items removed
     * @param heads head files removed
     * @param workRows rows removed from models' training work files
     * @param cacheFiles LLM cache files removed
     */
    public record Report(int items, int heads, int workRows, int cacheFiles) {}

    private final HistoryStore store;
    private final Path models;
    private final Function<Path, ? extends HeadStore> modelHeads;
    private final List<HeadStore> headStores;
    private final ResponseCache cache;

    private UserErasure(Builder b) {
        this.store = Objects.requireNonNull(b.store, "historyStore must be set");
        this.models = b.models;
        this.modelHeads = b.modelHeads;
        this.headStores = List.copyOf(b.headStores);
        this.cache = b.cache;
    }

    /**
     * Starts a builder.
     *
     * @return an empty builder; only the history store is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Erases users: their history first (so the texts to search for are known), then heads, models' rows and
     * manifests, and cache entries.
     *
     * @param users the users to erase; never {@code null}
     * @return what was removed
     * @throws HydraException when a file cannot be rewritten or deleted
     */
    public Report forget(Collection<UserId> users) {
        Set<String> ids = users.stream().map(UserId::value).collect(Collectors.toCollection(TreeSet::new));
        List<String> texts = new ArrayList<>();
        int items = 0;
        for (UserId user : users) {
            for (HistoryItem item : store.list(user)) {
                texts.add(item.input());
                texts.add(item.output());
                texts.addAll(item.attributes().values());
            }
            items += store.forgetUser(user);
        }
        store.compact();
        NeedleSearch needles = new NeedleSearch(texts);
        int heads = 0;
        for (HeadStore headStore : headStores) {
            heads += forgetHeads(headStore, users);
        }
        int rows = 0;
        for (Path model : modelDirs(models)) {
            heads += forgetHeads(modelHeads.apply(model), users);
            rows += scrubWork(model.resolve("work"), ids, needles);
            scrubManifest(model.resolve("manifest.json"), ids);
        }
        int cached = cache == null || needles.isEmpty() ? 0 : cache.purge(needles::foundIn);
        return new Report(items, heads, rows, cached);
    }

    private static int forgetHeads(HeadStore headStore, Collection<UserId> users) {
        int n = 0;
        for (UserId user : users) {
            n += headStore.forgetUser(user);
        }
        return n;
    }

    private static List<Path> modelDirs(Path models) {
        if (models == null || !Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(models)) {
            List<Path> out = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                out.add(dir);
                out.addAll(versionDirs(dir));
            }
            return out;
        } catch (IOException e) {
            throw new HydraException("cannot list the models in " + models + ": " + e.getMessage(), e);
        }
    }

    /** The published versions of a model kept as {@code ModelVersions} ({@code <model>/v000001/...}). */
    private static List<Path> versionDirs(Path model) throws IOException {
        try (Stream<Path> dirs = Files.list(model)) {
            return dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().matches("v\\d{6}")).sorted()
                    .toList();
        }
    }

    /** Drops the rows of the work files that belong to a user or hold a text of theirs. */
    private static int scrubWork(Path work, Set<String> ids, NeedleSearch needles) {
        if (!Files.isDirectory(work)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                List<String> kept = new ArrayList<>();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (!ids.contains(owner(line)) && !needles.foundIn(line)) {
                        kept.add(line);
                    }
                }
                if (kept.size() != lines.size()) {
                    removed += lines.size() - kept.size();
                    writeAtomically(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
                }
            }
        } catch (IOException e) {
            throw new HydraException("cannot erase users from the training files in " + work + ": "
                    + e.getMessage(), e);
        }
        return removed;
    }

    private static String owner(String line) {
        try {
            JsonNode user = JSON.readTree(line).path("user");
            return user.isTextual() ? user.asText() : user.path("value").asText("");
        } catch (IOException e) {
            return ""; // not a row of ours; kept unless it holds a text of the user
        }
    }

    private static void scrubManifest(Path manifest, Set<String> ids) {
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(manifest.toFile());
            if (!(root instanceof ObjectNode object) || !(root.get("training_users") instanceof ArrayNode list)) {
                return;
            }
            ArrayNode kept = JSON.createArrayNode();
            list.forEach(u -> {
                if (!ids.contains(u.asText())) {
                    kept.add(u);
                }
            });
            if (kept.size() != list.size()) {
                object.set("training_users", kept);
                writeAtomically(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object));
            }
        } catch (IOException e) {
            throw new HydraException("cannot erase users from " + manifest + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Builds a {@link UserErasure}. */
    public static final class Builder {

        private HistoryStore store;
        private Path models;
        private Function<Path, ? extends HeadStore> modelHeads;
        private final List<HeadStore> headStores = new ArrayList<>();
        private ResponseCache cache;

        private Builder() {}

        /**
         * The history store the users' items are removed from (and compacted); required.
         *
         * @param store the store; never {@code null}
         * @return this builder
         */
        public Builder historyStore(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * A folder of trained model directories, as {@code HydraTrainer} writes them ({@code manifest.json},
         * {@code work/}); it need not exist. The users' rows and ids are removed from each model, and their heads
         * from the head store that {@code heads} opens on the model's directory.
         *
         * @param models the folder, e.g. {@code HYDRA_HOME/models}; never {@code null}
         * @param heads opens the head store of one model directory, e.g. {@code FileHeadStore::new}; never
         *     {@code null}
         * @return this builder
         */
        public Builder models(Path models, Function<Path, ? extends HeadStore> heads) {
            this.models = Objects.requireNonNull(models, "models");
            this.modelHeads = Objects.requireNonNull(heads, "heads");
            return this;
        }

        /**
         * A head store the users' heads are removed from, beside those of {@link #models}; may be called again.
         *
         * @param heads the store; never {@code null}
         * @return this builder
         */
        public Builder headStore(HeadStore heads) {
            headStores.add(Objects.requireNonNull(heads, "heads"));
            return this;
        }

        /**
         * The LLM response cache whose entries holding a text of the users' history are removed.
         *
         * @param cache the cache; never {@code null}
         * @return this builder
         */
        public Builder responseCache(LlmResponseCache cache) {
            return responseCache((ResponseCache) cache);
        }

        /**
         * The response cache, wherever it keeps the answers (a database table, say), whose entries holding a text
         * of the users' history are removed.
         *
         * @param cache the cache; never {@code null}
         * @return this builder
         * @since 0.2
         */
        public Builder responseCache(ResponseCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * Builds the erasure.
         *
         * @return the erasure
         * @throws NullPointerException when no history store was set
         */
        public UserErasure build() {
            return new UserErasure(this);
        }
    }
}

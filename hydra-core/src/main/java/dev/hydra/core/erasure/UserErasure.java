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
import dev.hydra.core.training.BaseRetraining;
import dev.hydra.core.training.ModelVersions;
import dev.hydra.core.training.TrainableScorer;
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
 * {@code HydraTrainer}) that are theirs or hold an item of theirs (by the ids the rows record; a line of no known owner
 * by its texts), their ids in model manifests, and every LLM response
 * cache entry whose prompt or answer holds a text of their history (cache keys carry no user id, so entries are
 * found by content). A model kept as versions ({@code ModelVersions}: {@code <model>/v000001/...}) is erased in
 * every version.
 *
 * <p>Texts shorter than 8 characters (labels, ratings) are not searched for in the cache: they are shared by many
 * users and identify no one. The shared bases are trained on many users: erasure keeps them, counts the forgotten
 * training users in the manifest ({@link #modelsHoldingForgottenUsers} lists such models, {@link Report#modelsHolding}
 * those of this erasure), and {@link Builder#retrainBases} retrains them from the remaining cached rows with no LLM
 * call ({@link BaseRetraining}). For example, a Hydra home:
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
     * @param modelsHolding the model directories whose shared bases were trained on the users' data (the users
     *     are gone from their rows and manifests, but not from their weights until retrained); since 0.2
     * @param retrained the models retrained without the users ({@link Builder#retrainBases}); since 0.2
     */
    public record Report(int items, int heads, int workRows, int cacheFiles, List<Path> modelsHolding,
            List<BaseRetraining.Result> retrained) {

        /** Keeps unmodifiable lists. */
        public Report {
            modelsHolding = List.copyOf(modelsHolding);
            retrained = List.copyOf(retrained);
        }

        /**
         * A report of an erasure that found no model holding the users.
         *
         * @param items history items removed
         * @param heads head files removed
         * @param workRows rows removed from models' training work files
         * @param cacheFiles LLM cache files removed
         */
        public Report(int items, int heads, int workRows, int cacheFiles) {
            this(items, heads, workRows, cacheFiles, List.of(), List.of());
        }
    }

    private final HistoryStore store;
    private final Path models;
    private final Function<Path, ? extends HeadStore> modelHeads;
    private final List<HeadStore> headStores;
    private final ResponseCache cache;
    private final Function<Path, ? extends TrainableScorer.Factory> retrainScorers;

    private UserErasure(Builder b) {
        this.store = Objects.requireNonNull(b.store, "historyStore must be set");
        this.models = b.models;
        this.modelHeads = b.modelHeads;
        this.headStores = List.copyOf(b.headStores);
        this.cache = b.cache;
        this.retrainScorers = b.retrainScorers;
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
        List<Path> holding = new ArrayList<>();
        for (Path model : modelDirs(models)) {
            heads += forgetHeads(modelHeads.apply(model), users);
            rows += scrubWork(model.resolve("work"), ids, needles);
            if (scrubManifest(model.resolve("manifest.json"), ids) > 0) {
                holding.add(model);
            }
        }
        int cached = cache == null || needles.isEmpty() ? 0 : cache.purge(needles::foundIn);
        List<BaseRetraining.Result> retrained = retrainScorers == null ? List.of()
                : retrainHolding(models, retrainScorers);
        return new Report(items, heads, rows, cached, holding, retrained);
    }

    /**
     * The model directories whose shared bases were trained on the data of users erased since: their manifest
     * counts them ({@value BaseRetraining#FORGOTTEN_TRAINING_USERS}); {@link #retrainHolding} retrains them.
     *
     * @param models a folder of model directories, as {@link Builder#models}; it need not exist
     * @return the directories, sorted
     * @throws HydraException when the folder cannot be listed
     * @since 0.2
     */
    public static List<Path> modelsHoldingForgottenUsers(Path models) {
        List<Path> out = new ArrayList<>();
        for (Path model : modelDirs(Objects.requireNonNull(models, "models must not be null"))) {
            if (forgottenCount(model.resolve("manifest.json")) > 0) {
                out.add(model);
            }
        }
        return out;
    }

    /**
     * Retrains, from their cached training rows and with no LLM call ({@link BaseRetraining}), every model whose
     * bases hold a forgotten user's data, and removes the old one: a published version is replaced by a new
     * version (promoted in its place when it was promoted, see {@link ModelVersions#retire}); a plain model
     * directory is replaced by the retrained one (for a moment between two renames, it is missing).
     *
     * @param models a folder of model directories; it need not exist
     * @param scorers the scorer implementation of a model directory (heads stored in it), e.g.
     *     {@code dir -> new DjlScorerFactory(encoder, new FileHeadStore(dir))}; never {@code null}
     * @return what was retrained, the new directories
     * @throws HydraException when a model cannot be retrained or replaced
     * @since 0.2
     */
    public static List<BaseRetraining.Result> retrainHolding(Path models,
            Function<Path, ? extends TrainableScorer.Factory> scorers) {
        Objects.requireNonNull(scorers, "scorers must not be null");
        List<BaseRetraining.Result> out = new ArrayList<>();
        for (Path model : modelsHoldingForgottenUsers(models)) {
            out.add(ModelVersions.isPublished(model) ? retrainVersion(model, scorers) : retrainPlain(model, scorers));
        }
        return out;
    }

    private static BaseRetraining.Result retrainVersion(Path model,
            Function<Path, ? extends TrainableScorer.Factory> scorers) {
        ModelVersions versions = ModelVersions.at(model.getParent());
        Path staged = versions.newStagingDirectory();
        BaseRetraining.Result result = BaseRetraining.retrain(model, staged, scorers.apply(staged));
        ModelVersions.ModelVersion published = versions.publish(staged);
        ModelVersions.ModelVersion old = versions.list().stream()
                .filter(v -> v.name().equals(model.getFileName().toString())).findFirst().orElseThrow();
        versions.retire(old, published);
        return new BaseRetraining.Result(published.dir(), result.trainingUsers(), result.rerankerPairs(),
                result.adapterPairs());
    }

    private static BaseRetraining.Result retrainPlain(Path model,
            Function<Path, ? extends TrainableScorer.Factory> scorers) {
        String name = model.getFileName().toString();
        Path fresh = model.resolveSibling(".retrain-" + name);
        Path old = model.resolveSibling(".retired-" + name);
        try {
            deleteTree(fresh);
            BaseRetraining.Result result = BaseRetraining.retrain(model, fresh, scorers.apply(fresh));
            deleteTree(old);
            Files.move(model, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(fresh, model, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
            return new BaseRetraining.Result(model, result.trainingUsers(), result.rerankerPairs(),
                    result.adapterPairs());
        } catch (IOException e) {
            throw new HydraException("cannot replace " + model + " by its retrained bases: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int forgottenCount(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            return 0;
        }
        try {
            return JSON.readTree(manifest.toFile()).path(BaseRetraining.FORGOTTEN_TRAINING_USERS).asInt(0);
        } catch (IOException e) {
            throw new HydraException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
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

    /**
     * Drops the rows of the work files that hold any of the users' data, judged by identity where the row says whose
     * data it holds: a row is dropped when its owner ({@code user}) or the owner of any item in it (a neighbour's
     * {@code userId}) is one of the users. A row of a kept owner that names no forgotten user is kept even when one of
     * their texts occurs in it: a row is built from its owner's query and its owner's items only (retrieval never
     * crosses users), so such a text is one the owner has too (a label, a tag, a task's fixed words) and is the
     * owner's data; dropping those rows dropped kept users' training data. A line whose owner cannot be read is not
     * one of ours: it is dropped when it holds a text of the users ({@code needles}).
     */
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
                    if (!holdsForgotten(line, ids, needles)) {
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

    private static boolean holdsForgotten(String line, Set<String> ids, NeedleSearch needles) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (IOException e) {
            row = null;
        }
        String owner = row == null ? "" : userOf(row.path("user"));
        if (owner.isEmpty()) {
            return needles.foundIn(line); // not a row of ours
        }
        if (ids.contains(owner)) {
            return true;
        }
        for (JsonNode item : row.findValues("userId")) {
            if (ids.contains(userOf(item))) {
                return true;
            }
        }
        return false;
    }

    /** A user id as a row writes it: a string, or an object with a {@code value}. */
    private static String userOf(JsonNode user) {
        return user.isTextual() ? user.asText() : user.path("value").asText("");
    }

    /** Removes the users' ids from a manifest and counts them as forgotten; returns how many it held. */
    private static int scrubManifest(Path manifest, Set<String> ids) {
        if (!Files.isRegularFile(manifest)) {
            return 0;
        }
        try {
            JsonNode root = JSON.readTree(manifest.toFile());
            if (!(root instanceof ObjectNode object) || !(root.get("training_users") instanceof ArrayNode list)) {
                return 0;
            }
            ArrayNode kept = JSON.createArrayNode();
            list.forEach(u -> {
                if (!ids.contains(u.asText())) {
                    kept.add(u);
                }
            });
            int removed = list.size() - kept.size();
            if (removed > 0) {
                object.set("training_users", kept);
                object.put(BaseRetraining.FORGOTTEN_TRAINING_USERS,
                        object.path(BaseRetraining.FORGOTTEN_TRAINING_USERS).asInt(0) + removed);
                writeAtomically(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object));
            }
            return removed;
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
        private Function<Path, ? extends TrainableScorer.Factory> retrainScorers;

        private Builder() {}

        /**
         * Retrains, after the erasure, every model of {@link #models} whose bases hold a forgotten user's data
         * ({@link UserErasure#retrainHolding}): from cached rows, with no LLM call.
         *
         * @param scorers the scorer implementation of a model directory; never {@code null}
         * @return this builder
         * @since 0.2
         */
        public Builder retrainBases(Function<Path, ? extends TrainableScorer.Factory> scorers) {
            this.retrainScorers = Objects.requireNonNull(scorers, "scorers");
            return this;
        }

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

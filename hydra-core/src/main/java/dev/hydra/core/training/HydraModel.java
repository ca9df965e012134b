package dev.hydra.core.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HydraException;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.anchor.AnchoredAdapter;
import dev.hydra.core.anchor.AnchoredReranker;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trained HYDRA model: a directory with {@code manifest.json}, the reranker's and the adapter's shared parts,
 * and (in the head store) one head per user and module.
 *
 * @since 0.1
 */
public final class HydraModel implements AutoCloseable {

    /** The manifest's format version; a manifest of another version is refused. */
    public static final int FORMAT = 1;

    /** The manifest's file name; a model directory without it is incomplete. */
    public static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;
    private final Map<String, Object> manifest;
    private final TrainableScorer reranker;
    private final TrainableScorer adapter;

    HydraModel(Path dir, Map<String, Object> manifest, TrainableScorer reranker, TrainableScorer adapter) {
        this.dir = dir;
        this.manifest = Map.copyOf(manifest);
        this.reranker = reranker;
        this.adapter = adapter;
    }

    /**
     * Loads a model directory.
     *
     * @param dir the directory {@link HydraTrainer#train} wrote
     * @param factory the scorer implementation it was trained with
     * @return the model
     * @throws CorruptDataException when the manifest is missing, damaged, of another format, or was made with
     *     another encoder or network than the factory's
     */
    public static HydraModel load(Path dir, TrainableScorer.Factory factory) {
        Path file = dir.resolve(MANIFEST);
        Map<String, Object> manifest;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JSON.readValue(file.toFile(), Map.class);
            manifest = read;
        } catch (IOException e) {
            throw new CorruptDataException(file.toString(), "cannot read the model manifest (" + e.getMessage()
                    + "); train the model again with `hydra train`", e);
        }
        if (manifest == null) {
            throw new CorruptDataException(file.toString(), "the model manifest is empty; train the model again");
        }
        for (Map.Entry<String, Object> e : manifest.entrySet()) {
            if (e.getValue() == null) {
                throw new CorruptDataException(file.toString(), "field \"" + e.getKey() + "\" is null; train the "
                        + "model again");
            }
        }
        if (!Objects.equals(manifest.get("format"), FORMAT)) {
            throw new CorruptDataException(file.toString(), "manifest format " + manifest.get("format")
                    + " is not " + FORMAT + "; train the model again with this version");
        }
        Object recorded = manifest.get("scorer");
        if (!factory.describe().equals(recorded)) {
            throw new CorruptDataException(file.toString(), "the model was trained with " + recorded
                    + " but is loaded with " + factory.describe() + "; use the same encoder and network");
        }
        TrainableScorer r = factory.load(dir.resolve(HeadStore.RERANKER), HeadStore.RERANKER);
        TrainableScorer a = factory.load(dir.resolve(HeadStore.ADAPTER), HeadStore.ADAPTER);
        return new HydraModel(dir, manifest, r, a);
    }

    /**
     * Writes the manifest atomically (temporary file, fsync, rename, fsync of the directory). The manifest is
     * written last, after the bases and heads: it marks the model complete.
     */
    static void writeManifest(Path dir, Map<String, Object> manifest) {
        try {
            Files.createDirectories(dir);
            replaceAtomically(dir.resolve(MANIFEST), JSON.writeValueAsBytes(new TreeMap<>(manifest)));
        } catch (IOException e) {
            throw new HydraException("cannot write the manifest into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces a file atomically: a temporary file beside it, fsync, rename over it, fsync of the directory. Readers
     * see the old content or the new, never a part.
     */
    static void replaceAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, content);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /**
     * Removes a model directory's manifest before it is trained again, so that a crash while the new bases
     * are written never leaves the old manifest over a mix of old and new files.
     */
    static void invalidate(Path dir) {
        if (ModelVersions.isPublished(dir)) {
            throw new IllegalArgumentException(dir + " is a published model version and never rewritten: train into "
                    + "ModelVersions.newStagingDirectory() and publish a new version");
        }
        try {
            if (Files.deleteIfExists(dir.resolve(MANIFEST))) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new HydraException("cannot replace the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot fsync a directory; the rename itself is still atomic
        }
    }

    /**
     * The model's directory.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * What the manifest records: format, task, scorer description, trainer settings, training users and the
     * fingerprint of the training data.
     *
     * @return the manifest
     */
    public Map<String, Object> manifest() {
        return manifest;
    }

    /**
     * The task the model was trained for.
     *
     * @return the task's name
     */
    public String task() {
        if (!(manifest.get("task") instanceof String task)) {
            throw new CorruptDataException(dir.resolve(MANIFEST).toString(), "the task is missing or not a text");
        }
        return task;
    }

    /**
     * The settings the model was trained with, the pipeline's numbers (M, k, N, temperature, tokens, seed), so that
     * fitting new users, or serving, uses the same ones.
     *
     * @return the settings
     * @throws CorruptDataException when the manifest's settings are missing or damaged
     * @since 0.2
     */
    public HydraConfig config() {
        Map<?, ?> t = trainerSettings();
        try {
            return new HydraConfig(integer(t, "m"), integer(t, "k"), integer(t, "n"),
                    number(t, "temperature").doubleValue(), integer(t, "max_tokens"), whole(t, "seed"));
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(dir.resolve(MANIFEST).toString(), "trainer settings: " + e.getMessage(), e);
        }
    }

    /** R, the pseudo-queries per user the model was trained with. */
    int pseudoQueriesPerUser() {
        return integer(trainerSettings(), "pseudo_queries_per_user");
    }

    /** Where the model's reranker labels came from. */
    RerankerLabelSource rerankerLabels() {
        return "OUTPUT".equals(trainerSettings().get("reranker_labels")) ? RerankerLabelSource.OUTPUT
                : RerankerLabelSource.LLM;
    }

    private Map<?, ?> trainerSettings() {
        if (!(manifest.get("trainer") instanceof Map<?, ?> t)) {
            throw new CorruptDataException(dir.resolve(MANIFEST).toString(), "the trainer settings are missing");
        }
        return t;
    }

    private Number number(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n)) {
            throw new CorruptDataException(dir.resolve(MANIFEST).toString(), "trainer setting " + key
                    + " is missing or not a number");
        }
        return n;
    }

    /** A setting that must be a whole number of the int range: 3.7 or 1e12 is damage, not 3 or the largest int. */
    private int integer(Map<?, ?> map, String key) {
        long v = whole(map, key);
        if (v != (int) v) {
            throw new CorruptDataException(dir.resolve(MANIFEST).toString(), "trainer setting " + key + " is "
                    + v + ", beyond the range of an int");
        }
        return (int) v;
    }

    /** A setting that must be a whole number (JSON without fraction or exponent) of the long range. */
    private long whole(Map<?, ?> map, String key) {
        Number n = number(map, key);
        if (!(n instanceof Integer || n instanceof Long)) {
            throw new CorruptDataException(dir.resolve(MANIFEST).toString(), "trainer setting " + key + " is " + n
                    + ", not a whole number");
        }
        return n.longValue();
    }

    /**
     * The weights of the learned corrections chosen in training; a model trained before they existed uses its
     * learned parts alone (see {@link #reranker()}).
     *
     * @return the weights, or weights of 1 and the whole retrieved range for a model without them
     */
    public AnchorWeights anchors() {
        if (manifest.get("anchors") instanceof Map<?, ?> map) {
            try {
                return AnchorWeights.fromMap(map);
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException(dir.resolve(MANIFEST).toString(), e.getMessage());
            }
        }
        return new AnchorWeights(1, Integer.MAX_VALUE, 1, 0);
    }

    /**
     * Whether training found that the task's labels should join the adapter's pool
     * ({@link dev.hydra.core.pipeline.Hydra.Builder#labelCandidates}).
     *
     * @return the choice; false for a model without it
     */
    public boolean labelCandidates() {
        return Boolean.TRUE.equals(manifest.get("label_candidates"));
    }

    /**
     * The personalized reranker: the retriever's order plus the learned correction at the chosen weight
     * ({@link AnchoredReranker}); the learned reranker alone for a model trained without anchors.
     *
     * @return the reranker
     */
    public Reranker reranker() {
        return anchored(reranker.asReranker());
    }

    /**
     * Anchors a form of this model's learned reranker (for instance one that reads the store's vectors) to the
     * retriever's order at the chosen weight, as {@link #reranker()} does.
     *
     * @param learned the learned reranker, e.g. {@link #learnedReranker()} in another form
     * @return the anchored reranker; {@code learned} itself for a model trained without anchors
     */
    public Reranker anchored(Reranker learned) {
        return manifest.containsKey("anchors") ? new AnchoredReranker(learned, anchors()) : learned;
    }

    /**
     * The learned reranker alone, without the retriever's order under it (for ablations).
     *
     * @return the reranker
     */
    public Reranker learnedReranker() {
        return reranker.asReranker();
    }

    /**
     * The personalized adapter without the history prior: see {@link #adapter(HistoryStore)}.
     *
     * @return the adapter
     */
    public Adapter adapter() {
        return adapter(null);
    }

    /**
     * The personalized adapter: agreement among the samples, the user's history prior and the learned correction
     * at the chosen weights ({@link AnchoredAdapter}); the learned adapter alone for a model trained without
     * anchors or for a task that is not built in.
     *
     * @param history the users' histories for the history prior, or {@code null} for none
     * @return the adapter
     */
    public Adapter adapter(HistoryStore history) {
        java.util.Optional<TaskSpec> builtIn = BuiltInTasks.find(task());
        if (!manifest.containsKey("anchors") || builtIn.isEmpty()) {
            return adapter.asAdapter();
        }
        return new AnchoredAdapter(builtIn.get(), adapter.asAdapter(), history, anchors());
    }

    /**
     * The learned adapter alone, without agreement under it (for ablations).
     *
     * @return the adapter
     */
    public Adapter learnedAdapter() {
        return adapter.asAdapter();
    }

    TrainableScorer rerankerScorer() {
        return reranker;
    }

    TrainableScorer adapterScorer() {
        return adapter;
    }

    @Override
    public void close() {
        try (TrainableScorer r = reranker; TrainableScorer a = adapter) {
            // closes both
        }
    }
}

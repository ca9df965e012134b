package dev.hydra.heads;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.heads.internal.BaseNet;
import dev.hydra.heads.internal.HeadFitting;
import dev.hydra.heads.internal.JointTraining;
import dev.hydra.heads.internal.ModelFiles;
import dev.hydra.heads.internal.ModelFiles.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A factorized scorer of (query, item) pairs: a shared base network over {@link PairFeatures} plus one small
 * head per user (kept in a {@link HeadStore} under this scorer's module), and a shared default head that
 * scores users without a head of their own (cold start). The score of a pair is {@code P(label = 1)}.
 *
 * <p>The reranker and the adapter are two instances ({@link HeadStore#RERANKER}, {@link HeadStore#ADAPTER});
 * see {@link HydraReranker} and {@link HydraAdapter}. Training ({@link #train}) and fitting ({@link #fit}) run
 * on DJL/PyTorch; scoring runs in plain Java (a few small matrix products, and the head's
 * {@link HeadArchitecture#forward}), which avoids DJL's per-call cost and native memory. The heads are of the
 * configuration's {@link ScorerConfig#head() architecture}, a built-in kind or a plugin's. A user whose stored head is damaged or of another shape is scored by the default head,
 * and the problem is logged once per user.
 *
 * <p><b>Heads know their base.</b> A head is saved with its kind followed by {@value #BASE_MARK} and a
 * fingerprint of the base it was trained or fitted on; a head fitted on another base (the bases were retrained,
 * e.g. to unlearn a forgotten user) is never used as it is: the default head scores the user until they are fitted
 * again. A head saved without a fingerprint (before 0.4) is used when its kind and size fit.
 *
 * <p><b>Thread-safety:</b> scoring is safe for concurrent use, also while {@link #train} or {@link #fit} runs
 * (it sees the old or the new base, never a mix).
 *
 * @since 0.1
 */
public final class PersonalizedScorer {

    private static final System.Logger LOG = System.getLogger(PersonalizedScorer.class.getName());

    private final ScorerConfig config;
    private final HeadStore store;
    private final String module;
    private final HeadArchitecture head;
    private final Set<UserId> warned = ConcurrentHashMap.newKeySet();
    private volatile Model model;
    private volatile Fingerprinted fingerprinted;

    /**
     * What separates a head's kind from the fingerprint of its base.
     *
     * @since 0.4
     */
    public static final String BASE_MARK = "@base:";

    /** A base and the kind its heads are saved with. */
    private record Fingerprinted(Model model, String kind) {}

    private PersonalizedScorer(ScorerConfig config, HeadStore store, String module, Model model) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.module = Objects.requireNonNull(module, "module must not be null");
        this.head = config.head();
        this.model = model;
    }

    /**
     * Creates an untrained scorer, its weights initialized from a seed.
     *
     * @param config the architecture; never {@code null}
     * @param store where the users' heads are kept; never {@code null}
     * @param module the module of the heads, e.g. {@link HeadStore#RERANKER}; never {@code null}
     * @param seed the seed of the initialization
     * @return the scorer
     */
    public static PersonalizedScorer create(ScorerConfig config, HeadStore store, String module, long seed) {
        Random random = new Random(seed);
        BaseNet base = BaseNet.init(config.featureDim(), config.hidden(), random);
        float[] shared = new float[config.headParameterCount()];
        config.head().initialize(shared, config.baseOutput(), random);
        return new PersonalizedScorer(config, store, module, new Model(base, shared));
    }

    /**
     * Loads a scorer saved by {@link #save}.
     *
     * @param dir the model directory; never {@code null}
     * @param store where the users' heads are kept; never {@code null}
     * @param module the module of the heads; never {@code null}
     * @return the scorer
     * @throws CorruptDataException when a file is damaged, foreign or missing; the message names it
     * @throws HydraException when the directory cannot be read
     */
    public static PersonalizedScorer load(Path dir, HeadStore store, String module) {
        try {
            ModelFiles.Loaded loaded = ModelFiles.load(dir);
            return new PersonalizedScorer(loaded.config(), store, module, loaded.model());
        } catch (IOException e) {
            throw new HydraException("cannot read the model directory " + dir + ": " + e, e);
        }
    }

    /**
     * Saves the base, the default head and the architecture to a model directory ({@code config.properties}
     * and {@code base.bin}, each written atomically); the users' heads are in the store already.
     *
     * @param dir the model directory, e.g. {@code models/<name>/reranker}; created when missing
     * @throws HydraException when it cannot be written
     */
    public void save(Path dir) {
        try {
            ModelFiles.save(dir, config, model);
        } catch (IOException e) {
            throw new HydraException("cannot write the model directory " + dir + ": " + e, e);
        }
    }

    /**
     * The architecture.
     *
     * @return the configuration
     */
    public ScorerConfig config() {
        return config;
    }

    /**
     * The module under which this scorer's heads are stored.
     *
     * @return the module name
     */
    public String module() {
        return module;
    }

    /**
     * Trains the base, the default head and the heads of every user in the examples jointly, then saves each
     * user's head to the store. Training continues from the current base and default head; each user's head
     * starts fresh. Heads of users not in the examples were trained against the old base: refit them.
     *
     * @param examples the labelled pairs, of any number of users; never {@code null}, not empty
     * @param options the options; the same examples and options give the same weights
     * @return what the run did
     * @throws IllegalArgumentException when there are no examples or their sizes do not fit the configuration
     */
    public TrainingReport train(List<PairExample> examples, TrainingOptions options) {
        long start = System.nanoTime();
        List<UserId> users = new ArrayList<>(new TreeSet<>(examples.stream().map(PairExample::user).toList()));
        Map<UserId, Integer> index = new HashMap<>();
        for (UserId u : users) {
            index.put(u, index.size());
        }
        float[] features = features(examples);
        int[] labels = examples.stream().mapToInt(PairExample::label).toArray();
        int[] who = examples.stream().mapToInt(e -> index.get(e.user())).toArray();
        Random random = new Random(options.seed());
        List<float[]> heads = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            float[] params = new float[config.headParameterCount()];
            head.initialize(params, config.baseOutput(), random);
            heads.add(params);
        }
        Model current = model;
        JointTraining.Result result = JointTraining.train(features, who, labels, queryIndices(examples), current.base(),
                head, current.shared(), heads, options);
        model = new Model(result.base(), result.shared());
        for (int i = 0; i < users.size(); i++) {
            store.save(users.get(i), module, new HeadParameters(kindFor(model), result.heads().get(i)));
            warned.remove(users.get(i));
        }
        var o = result.outcome();
        return new TrainingReport(examples.size(), users.size(), o.epochs(), o.bestEpoch(), o.trainLoss(),
                o.validationLoss(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Fits a head for one user with the base frozen, starting from the default head, and saves it to the
     * store (replacing any earlier head of the user). Held-out data is split by whole queries
     * ({@link PairExample#queryKey()}); when no epoch beats the default head on them, the user's head is removed
     * from the store and the user keeps the default head ({@link TrainingReport#bestEpoch()} is then 0).
     *
     * @param user the user; never {@code null}
     * @param examples the user's labelled pairs (e.g. pseudo-queries from their own history); not empty
     * @param options the options (see {@link TrainingOptions#fitting})
     * @return what the run did
     * @throws IllegalArgumentException when there are no examples, one belongs to another user, or sizes do
     *     not fit the configuration
     */
    public TrainingReport fit(UserId user, List<PairExample> examples, TrainingOptions options) {
        long start = System.nanoTime();
        for (PairExample e : examples) {
            if (!e.user().equals(user)) {
                throw new IllegalArgumentException("fitting user " + user + " got an example of user " + e.user());
            }
        }
        Model current = model;
        float[] features = features(examples);
        int f = config.featureDim();
        int h = config.baseOutput();
        float[] outputs = new float[examples.size() * h];
        float[] row = new float[f];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(features, i * f, row, 0, f);
            System.arraycopy(current.base().forward(row), 0, outputs, i * h, h);
        }
        int[] labels = examples.stream().mapToInt(PairExample::label).toArray();
        HeadFitting.Fitted fitted = HeadFitting.fit(outputs, labels, queryIndices(examples), head, current.shared(),
                options);
        if (fitted.bestEpoch() == 0 && options.validationFraction() > 0) {
            store.delete(user, module); // no epoch beat the default head on held-out queries: the user keeps it
        } else {
            store.save(user, module, new HeadParameters(kindFor(current), fitted.head()));
        }
        warned.remove(user);
        return new TrainingReport(examples.size(), 1, fitted.epochs(), fitted.bestEpoch(), fitted.trainLoss(),
                fitted.validationLoss(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Removes a user's head, so that the default head scores them.
     *
     * @param user the user; never {@code null}
     */
    public void forget(UserId user) {
        store.delete(Objects.requireNonNull(user, "user must not be null"), module);
        warned.remove(user);
    }

    /**
     * Scores items for a user's query from precomputed encoder vectors, with the user's head, or the default
     * head when the user has none (or theirs cannot be read).
     *
     * @param user the user; never {@code null}
     * @param query the query's vector, {@link ScorerConfig#encoderDim()} long; never {@code null}
     * @param items the items' vectors; never {@code null}
     * @param extras per item, its {@link ScorerConfig#extraFeatures()} extra features; may be {@code null}
     *     when there are none
     * @return per item, {@code P(label = 1)}, in the order given
     * @throws IllegalArgumentException when a size does not fit the configuration
     */
    public double[] score(UserId user, float[] query, float[][] items, float[][] extras) {
        Model current = model;
        return evaluate(current, headOf(user, current), query, items, extras);
    }

    /**
     * What a user's scores are computed with now: the model and the head (the user's own, or the default). Two bases
     * are equal only for the same model object and equal head values, so a score computed under one basis holds
     * while the basis stays equal; a refit head, a new base or a forgotten user makes it differ.
     *
     * @param user the user; never {@code null}
     * @return an opaque value, compared with {@code equals}
     * @since 1.2
     */
    public Object basis(UserId user) {
        Model current = model;
        return new Basis(current, headOf(Objects.requireNonNull(user, "user must not be null"), current));
    }

    /**
     * Scores items under a basis {@link #basis} gave, so that scores computed apart (a candidate as it arrives, the
     * rest of its pool later) come from one model and one head, which is read once.
     *
     * @param basis what {@link #basis} returned
     * @param query the query's vector
     * @param items the items' vectors
     * @param extras per item, its extra features; may be {@code null} when there are none
     * @return per item, {@code P(label = 1)}, in the order given
     */
    double[] score(Object basis, float[] query, float[][] items, float[][] extras) {
        Basis b = (Basis) basis;
        return evaluate(b.model(), b.head(), query, items, extras);
    }

    /** The model (by identity) and the head's values a score was computed with. */
    private record Basis(Model model, float[] head) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Basis b && b.model == model && Arrays.equals(b.head, head);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(model) * 31 + Arrays.hashCode(head);
        }
    }

    /**
     * Scores items with the default head only (the base-only ablation, and what a new user gets).
     *
     * @param query the query's vector
     * @param items the items' vectors
     * @param extras per item, its extra features; may be {@code null} when there are none
     * @return per item, {@code P(label = 1)}
     */
    public double[] scoreShared(float[] query, float[][] items, float[][] extras) {
        Model current = model;
        return evaluate(current, current.shared(), query, items, extras);
    }

    /**
     * Whether a user is scored by a head of their own (it exists and can be read).
     *
     * @param user the user
     * @return {@code true} when the user's own head is used
     */
    public boolean hasHead(UserId user) {
        Model current = model;
        return headOf(user, current) != current.shared();
    }

    private float[] headOf(UserId user, Model current) {
        Optional<HeadParameters> stored;
        try {
            stored = store.load(user, module);
        } catch (CorruptDataException e) {
            warnOnce(user, "cannot read the " + module + " head of user " + user + ", scoring with the default "
                    + "head: " + e.getMessage());
            return current.shared();
        }
        if (stored.isEmpty()) {
            return current.shared();
        }
        HeadParameters own = stored.get();
        String fittedOn = kindFor(current);
        if (own.kind().startsWith(config.headLabel() + BASE_MARK) && !own.kind().equals(fittedOn)) {
            warnOnce(user, "the " + module + " head of user " + user + " was fitted on another base (" + own.kind()
                    + ", this model's is " + fittedOn + "); scoring with the default head until the user is fitted "
                    + "again");
            return current.shared();
        }
        if (!own.kind().equals(fittedOn) && !own.kind().equals(config.headLabel())
                || own.values().length != current.shared().length) {
            warnOnce(user, "the " + module + " head of user " + user + " is of kind " + own.kind() + " with "
                    + own.values().length + " values, this model needs " + config.headLabel() + " with "
                    + current.shared().length + "; scoring with the default head");
            return current.shared();
        }
        return own.values();
    }

    /**
     * The kind a head of this scorer is saved with: the head's label, {@value #BASE_MARK}, and the first 16 hex
     * digits of a SHA-256 of the base's weights.
     *
     * @return the kind; it changes whenever the base does
     * @since 0.4
     */
    public String headKind() {
        return kindFor(model);
    }

    private String kindFor(Model m) {
        Fingerprinted f = fingerprinted;
        if (f == null || f.model() != m) {
            f = new Fingerprinted(m, config.headLabel() + BASE_MARK + fingerprint(m.base()));
            fingerprinted = f;
        }
        return f.kind();
    }

    private static String fingerprint(BaseNet base) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
            for (dev.hydra.heads.internal.Linear layer : base.layers()) {
                sha.update(buffer.clear().putInt(layer.in()).putInt(layer.out()).array());
                for (float[] values : List.of(layer.w(), layer.b())) {
                    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * values.length);
                    bytes.asFloatBuffer().put(values);
                    sha.update(bytes.array());
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private void warnOnce(UserId user, String message) {
        if (warned.add(user)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    private double[] evaluate(Model m, float[] params, float[] query, float[][] items, float[][] extras) {
        int d = config.encoderDim();
        checkLength(query, d, "query vector");
        if (extras != null && extras.length != items.length) {
            throw new IllegalArgumentException(items.length + " items but " + extras.length + " extras");
        }
        float[] none = new float[0];
        float[][] features = new float[items.length][];
        for (int i = 0; i < items.length; i++) {
            checkLength(items[i], d, "item vector " + i);
            float[] extra = extras == null ? none : extras[i];
            checkLength(extra, config.extraFeatures(), "extras of item " + i);
            features[i] = PairFeatures.of(query, items[i], extra);
        }
        double[] scores = new double[items.length];
        if (items.length == 0) {
            return scores;
        }
        float[][] outputs = m.base().forward(features, m.base().queryPart(features[0], d), d);
        for (int i = 0; i < items.length; i++) {
            scores[i] = 1 / (1 + Math.exp(-head.forward(params, outputs[i])));
        }
        return scores;
    }

    /** Each example's query as an index, unique per user and query key; a pair without a key is its own query. */
    private static int[] queryIndices(List<PairExample> examples) {
        Map<String, Integer> index = new HashMap<>();
        int[] out = new int[examples.size()];
        for (int i = 0; i < out.length; i++) {
            PairExample e = examples.get(i);
            String key = e.queryKey() == null ? "\u0001" + i : e.user().value() + "\u0000" + e.queryKey();
            out[i] = index.computeIfAbsent(key, k -> index.size());
        }
        return out;
    }

    private float[] features(List<PairExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int f = config.featureDim();
        float[] out = new float[examples.size() * f];
        for (int i = 0; i < examples.size(); i++) {
            PairExample e = examples.get(i);
            checkLength(e.query(), config.encoderDim(), "query vector of example " + i);
            checkLength(e.extras(), config.extraFeatures(), "extras of example " + i);
            PairFeatures.write(e.query(), e.item(), e.extras(), out, i * f);
        }
        return out;
    }

    private static void checkLength(float[] values, int expected, String what) {
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, the model expects "
                    + expected);
        }
    }
}

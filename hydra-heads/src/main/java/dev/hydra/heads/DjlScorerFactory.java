package dev.hydra.heads;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.encoder.CachingTextEncoder;
import dev.hydra.core.training.TrainableScorer;
import dev.hydra.heads.internal.MemoryHeadStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Makes the HYDRA trainer's scorers on DJL: a {@link PersonalizedScorer} per module over the frozen encoder's
 * vectors, with its heads in a {@link HeadStore}. The reranker's scorer takes the retrieval score and rank as
 * extra features ({@link HydraReranker#EXTRA_FEATURES}); the adapter's takes none. The reranker and adapter it
 * makes share the vectors of the last {@value #SHARED_TEXTS} texts they encoded, so a request's query is encoded
 * once for both (unless the encoder is a {@link CachingTextEncoder} already, which they then share).
 *
 * @since 0.1
 */
public final class DjlScorerFactory implements TrainableScorer.Factory {

    /** The most recent texts whose vectors the reranker and adapter of one factory share. */
    static final int SHARED_TEXTS = 1024;

    private final TextEncoder encoder;
    private final TextEncoder shared;
    private final HeadStore heads;
    private final String headKind;
    private final TrainingObjective objective;
    private final boolean rerankerAnswers;

    /**
     * Creates the factory with low-rank heads.
     *
     * @param encoder the frozen encoder
     * @param heads where the per-user heads live
     */
    public DjlScorerFactory(TextEncoder encoder, HeadStore heads) {
        this(encoder, heads, ScorerConfig.LOWRANK);
    }

    /**
     * Creates the factory.
     *
     * @param encoder the frozen encoder
     * @param heads where the per-user heads live
     * @param headKind the name of the per-user heads' architecture: {@value ScorerConfig#LOWRANK},
     *     {@value ScorerConfig#HYDRA} or an installed plugin's (see {@link HeadArchitectures})
     * @throws IllegalArgumentException when no installed architecture has that name
     */
    public DjlScorerFactory(TextEncoder encoder, HeadStore heads, String headKind) {
        this(encoder, heads, headKind, TrainingObjective.POINTWISE, false);
    }

    private DjlScorerFactory(TextEncoder encoder, HeadStore heads, String headKind, TrainingObjective objective,
            boolean rerankerAnswers) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.shared = encoder instanceof CachingTextEncoder ? encoder : new CachingTextEncoder(encoder, SHARED_TEXTS);
        this.heads = Objects.requireNonNull(heads, "heads");
        this.headKind = HeadArchitectures.get(Objects.requireNonNull(headKind, "headKind")).name();
        this.objective = Objects.requireNonNull(objective, "objective");
        this.rerankerAnswers = rerankerAnswers;
    }

    /**
     * The same factory with scorers that train with another objective (both modules; the default is
     * {@link TrainingObjective#POINTWISE}).
     *
     * @param value the objective; never {@code null}
     * @return a new factory
     */
    public DjlScorerFactory withObjective(TrainingObjective value) {
        return new DjlScorerFactory(encoder, heads, headKind, Objects.requireNonNull(value, "objective"),
                rerankerAnswers);
    }

    /**
     * The same factory with a reranker that also sees each item's answer, as its agreement with the other items'
     * answers in the retrieved list ({@link PairFeatures#answerConsensus}); off by default. Models trained so
     * load with every factory: the feature count is saved with the scorer.
     *
     * @param value whether the reranker sees the items' answers
     * @return a new factory
     */
    public DjlScorerFactory withRerankerAnswers(boolean value) {
        return new DjlScorerFactory(encoder, heads, headKind, objective, value);
    }

    @Override
    public TrainableScorer create(String module, long seed) {
        return new DjlTrainableScorer(PersonalizedScorer.create(config(module), heads, module, seed), encoder, shared,
                module, objective);
    }

    @Override
    public TrainableScorer load(Path dir, String module) {
        return new DjlTrainableScorer(PersonalizedScorer.load(dir, heads, module), encoder, shared, module, objective);
    }

    /**
     * A factory of the same scorers whose heads live in a fresh store in memory, for one fold of the trainer's
     * cross-fitting: its heads neither overwrite this factory's (the model's) nor are read by another fold's scorer.
     *
     * @return the factory
     * @since 1.3
     */
    @Override
    public DjlScorerFactory isolated() {
        return new DjlScorerFactory(encoder, new MemoryHeadStore(), headKind, objective, rerankerAnswers);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        out.put("encoder", encoder.id());
        out.put("encoder_dimension", Integer.toString(encoder.dimension()));
        out.put("hidden", ScorerConfig.DEFAULT_HIDDEN.toString());
        out.put("head", config(HeadStore.RERANKER).headLabel());
        out.put("implementation", "djl-pytorch");
        // the defaults add no key, so that models trained before these choices existed load as they were
        if (objective != TrainingObjective.POINTWISE) {
            out.put("objective", objective.name().toLowerCase(Locale.ROOT));
        }
        if (rerankerAnswers) {
            out.put("reranker_extras", Integer.toString(config(HeadStore.RERANKER).extraFeatures()));
        }
        return out;
    }

    private ScorerConfig config(String module) {
        int extras = !HeadStore.RERANKER.equals(module) ? 0
                : rerankerAnswers ? HydraReranker.EXTRA_FEATURES_WITH_ANSWERS : HydraReranker.EXTRA_FEATURES;
        return new ScorerConfig(encoder.dimension(), extras, ScorerConfig.DEFAULT_HIDDEN, headKind,
                ScorerConfig.DEFAULT_RANK);
    }
}

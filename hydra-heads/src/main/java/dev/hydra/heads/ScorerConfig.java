package dev.hydra.heads;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.heads.internal.MlpHead;
import java.util.List;
import java.util.Locale;

/**
 * The architecture of a {@link PersonalizedScorer}: the input features, the shared base network and the kind
 * of per-user head.
 *
 * <p>The base is an MLP over {@link PairFeatures} ({@code featureDim()} inputs): one linear layer per entry of
 * {@code hidden}, ReLU between layers, the last layer linear; its output width {@code h} is the last entry.
 * Each head maps that output to the log-odds of label 1; its kind is a {@link HeadArchitecture} known to
 * {@link HeadArchitectures} by name: the built-in {@value #HYDRA} ({@code Linear(h,h) -> tanh -> Linear(h,2)}, as
 * in the paper) and {@value #LOWRANK} ({@code Linear(h,r) -> tanh -> Linear(r,2)}, {@code h*r + 3r + 2} floats), or
 * a plugin's.
 *
 * @param encoderDim the length of the encoder's vectors, at least 1
 * @param extraFeatures how many scalar features follow the vector blocks (2 for the reranker: the retriever's
 *     score and rank; 0 for the adapter), at least 0
 * @param hidden the widths of the base's layers, at least one, each at least 1; copied
 * @param headKind the name of the per-user heads' {@link HeadArchitecture}, e.g. {@value #LOWRANK}; any case,
 *     stored in lower case; an architecture of that name must be installed
 * @param rank the inner width of a {@value #LOWRANK} head, at least 1 (ignored by the other kinds)
 * @since 0.1
 */
public record ScorerConfig(int encoderDim, int extraFeatures, List<Integer> hidden, String headKind, int rank) {

    /** The name of the paper's head kind, {@code Linear(h,h) -> tanh -> Linear(h,2)}. */
    public static final String HYDRA = MlpHead.HYDRA;

    /** The name of the low-rank head kind, {@code Linear(h,r) -> tanh -> Linear(r,2)}. */
    public static final String LOWRANK = MlpHead.LOWRANK;

    /** The default base widths: 128 then 64. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(128, 64);

    /** The default rank of a low-rank head. */
    public static final int DEFAULT_RANK = 8;

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when a size is out of range, or no installed architecture has the head
     *     kind's name (the message lists the known ones and says to install the plugin)
     */
    public ScorerConfig {
        if (encoderDim < 1 || extraFeatures < 0 || rank < 1) {
            throw new IllegalArgumentException("encoderDim and rank must be >= 1 and extraFeatures >= 0, were "
                    + encoderDim + ", " + rank + ", " + extraFeatures);
        }
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("hidden needs at least one width, each >= 1, was " + hidden);
        }
        java.util.Objects.requireNonNull(headKind, "headKind must not be null");
        headKind = headKind.trim().toLowerCase(Locale.ROOT);
        HeadArchitectures.get(headKind);
    }

    /**
     * The default architecture for an encoder: base 128 then 64, low-rank heads of rank 8.
     *
     * @param encoderDim the encoder's dimension
     * @param extraFeatures the number of extra scalar features
     * @return the configuration
     */
    public static ScorerConfig defaults(int encoderDim, int extraFeatures) {
        return new ScorerConfig(encoderDim, extraFeatures, DEFAULT_HIDDEN, LOWRANK, DEFAULT_RANK);
    }

    /**
     * The number of input features of the base.
     *
     * @return {@code 4 * encoderDim + extraFeatures}
     */
    public int featureDim() {
        return PairFeatures.size(encoderDim, extraFeatures);
    }

    /**
     * The width {@code h} of the base's output, which every head reads.
     *
     * @return the last hidden width
     */
    public int baseOutput() {
        return hidden.get(hidden.size() - 1);
    }

    /**
     * The architecture of the heads.
     *
     * @return the installed architecture named {@link #headKind()} (of rank {@link #rank()} for
     *     {@value #LOWRANK})
     * @throws IllegalArgumentException when it is no longer installed (an OSGi bundle left)
     */
    public HeadArchitecture head() {
        return HeadArchitectures.get(headKind, rank);
    }

    /**
     * The number of parameters of one head.
     *
     * @return {@code head().parameterCount(h)}; {@code h*m + m + 2m + 2} for the built-in kinds
     */
    public int headParameterCount() {
        return head().parameterCount(baseOutput());
    }

    /**
     * The head kind and shape as stored in {@link dev.hydra.api.HeadParameters#kind()}, e.g.
     * {@code "lowrank:h=64,r=8"} or {@code "hydra:h=64"}, and for a plugin's kind its name, width and format
     * version, e.g. {@code "bias-scale:h=64,v=1"}; a head of another label is refused.
     *
     * @return the label
     */
    public String headLabel() {
        HeadArchitecture head = head();
        return head instanceof MlpHead mlp ? mlp.label(baseOutput())
                : head.name() + ":h=" + baseOutput() + ",v=" + head.formatVersion();
    }
}

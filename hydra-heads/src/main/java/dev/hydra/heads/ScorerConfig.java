package dev.hydra.heads;

import java.util.List;

/**
 * The architecture of a {@link PersonalizedScorer}: the input features, the shared base network and the kind
 * of per-user head.
 *
 * <p>The base is an MLP over {@link PairFeatures} ({@code featureDim()} inputs): one linear layer per entry of
 * {@code hidden}, ReLU between layers, the last layer linear; its output width {@code h} is the last entry.
 * Each head maps that output to two logits (see {@link HeadKind}).
 *
 * @param encoderDim the length of the encoder's vectors, at least 1
 * @param extraFeatures how many scalar features follow the vector blocks (2 for the reranker: the retriever's
 *     score and rank; 0 for the adapter), at least 0
 * @param hidden the widths of the base's layers, at least one, each at least 1; copied
 * @param headKind the kind of per-user head; never {@code null}
 * @param rank the inner width of a {@link HeadKind#LOWRANK} head, at least 1 (ignored by {@link HeadKind#HYDRA})
 * @since 0.1
 */
public record ScorerConfig(int encoderDim, int extraFeatures, List<Integer> hidden, HeadKind headKind, int rank) {

    /** The default base widths: 128 then 64. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(128, 64);

    /** The default rank of a low-rank head. */
    public static final int DEFAULT_RANK = 8;

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when a size is out of range
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
    }

    /**
     * The default architecture for an encoder: base 128 then 64, low-rank heads of rank 8.
     *
     * @param encoderDim the encoder's dimension
     * @param extraFeatures the number of extra scalar features
     * @return the configuration
     */
    public static ScorerConfig defaults(int encoderDim, int extraFeatures) {
        return new ScorerConfig(encoderDim, extraFeatures, DEFAULT_HIDDEN, HeadKind.LOWRANK, DEFAULT_RANK);
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
     * The inner width {@code m} of a head.
     *
     * @return {@code h} for the hydra kind, {@code rank} for the low-rank kind
     */
    public int headWidth() {
        return headKind == HeadKind.HYDRA ? baseOutput() : rank;
    }

    /**
     * The number of parameters of one head: {@code h*m + m + 2m + 2}.
     *
     * @return the count
     */
    public int headParameterCount() {
        int h = baseOutput();
        int m = headWidth();
        return h * m + m + 2 * m + 2;
    }

    /**
     * The head kind and shape as stored in {@link dev.hydra.api.HeadParameters#kind()}, e.g.
     * {@code "lowrank:h=64,r=8"} or {@code "hydra:h=64"}; a head of another shape is refused.
     *
     * @return the label
     */
    public String headLabel() {
        return headKind == HeadKind.HYDRA
                ? "hydra:h=" + baseOutput()
                : "lowrank:h=" + baseOutput() + ",r=" + rank;
    }
}

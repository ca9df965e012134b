package dev.hydra.core.anchor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of the learned corrections, chosen on held-out training queries: with all of them 0 the reranker
 * keeps the retriever's order and the adapter picks by agreement among the samples.
 *
 * @param rerankerAlpha the weight of the learned reranker's standardized score against the retriever's rank
 *     prior, at least 0
 * @param rerankerRange the retrieved ranks the reranker may reorder (the neighbours it was trained on), at least 1;
 *     items below it keep the retriever's order after the reordered ones
 * @param adapterBeta the weight of the learned adapter's standardized score against agreement, at least 0
 * @param adapterGamma the weight of the answer's share in the user's own history, at least 0 (labels and ratings:
 *     the share of the user's items with that answer; free text: the highest similarity to one of the user's
 *     outputs)
 * @param adapterFirst the bonus of the pool's first answer, at least 0: with the greedy answer first, a large bonus
 *     answers as plain RAG does
 * @since 0.2
 */
public record AnchorWeights(double rerankerAlpha, int rerankerRange, double adapterBeta, double adapterGamma,
        double adapterFirst) {

    /** No learned correction: the retriever's order, then the agreement among the samples. */
    public static final AnchorWeights NONE = new AnchorWeights(0, 1, 0, 0, 0);

    /**
     * Weights without a bonus for the first answer.
     *
     * @param rerankerAlpha the learned reranker's weight
     * @param rerankerRange the ranks it may reorder
     * @param adapterBeta the learned adapter's weight
     * @param adapterGamma the history prior's weight
     */
    public AnchorWeights(double rerankerAlpha, int rerankerRange, double adapterBeta, double adapterGamma) {
        this(rerankerAlpha, rerankerRange, adapterBeta, adapterGamma, 0);
    }

    /**
     * Validates the weights.
     *
     * @throws IllegalArgumentException when a weight is negative or not a number, or the range is below 1
     */
    public AnchorWeights {
        atLeastZero(rerankerAlpha, "rerankerAlpha");
        atLeastZero(adapterBeta, "adapterBeta");
        atLeastZero(adapterGamma, "adapterGamma");
        atLeastZero(adapterFirst, "adapterFirst");
        if (rerankerRange < 1) {
            throw new IllegalArgumentException(
                    "rerankerRange must be at least 1 (the ranks the reranker was trained on), was "
                            + rerankerRange);
        }
    }

    /**
     * A copy with other adapter numbers.
     *
     * @param beta the learned adapter's weight
     * @param gamma the history prior's weight
     * @param first the first answer's bonus
     * @return the copy
     */
    public AnchorWeights withAdapter(double beta, double gamma, double first) {
        return new AnchorWeights(rerankerAlpha, rerankerRange, beta, gamma, first);
    }

    /**
     * The weights as a model manifest stores them.
     *
     * @return {@code reranker_alpha}, {@code reranker_range}, {@code adapter_beta}, {@code adapter_gamma},
     *     {@code adapter_first}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reranker_alpha", rerankerAlpha);
        out.put("reranker_range", rerankerRange);
        out.put("adapter_beta", adapterBeta);
        out.put("adapter_gamma", adapterGamma);
        out.put("adapter_first", adapterFirst);
        return out;
    }

    /**
     * Reads weights stored by {@link #toMap()}.
     *
     * @param map the stored map
     * @return the weights
     * @throws IllegalArgumentException when a value is missing or not a number; the message names it
     */
    public static AnchorWeights fromMap(Map<?, ?> map) {
        return new AnchorWeights(number(map, "reranker_alpha").doubleValue(), number(map, "reranker_range").intValue(),
                number(map, "adapter_beta").doubleValue(), number(map, "adapter_gamma").doubleValue(),
                map.containsKey("adapter_first") ? number(map, "adapter_first").doubleValue() : 0);
    }

    private static Number number(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("anchor weight " + key + " is missing or not a number: " + map.get(key));
        }
        return n;
    }

    private static void atLeastZero(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
    }
}

package dev.hydra.core.anchor;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Reranker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reranker that cannot do worse than its retriever without noticing: each item within the reranker's trained
 * range scores a rank prior {@code (range - rank) / range} plus {@code alpha} times the learned reranker's score
 * standardized over that range; items below the range follow in the retriever's order. With {@code alpha = 0}
 * the retriever's order is kept exactly and the learned reranker is never called; {@code alpha} comes from
 * held-out training queries ({@link AnchorWeights}).
 *
 * <p>Name {@code "hydra"}, as the learned reranker it anchors. <b>Thread-safety:</b> safe for concurrent use when
 * the learned reranker is.
 *
 * @since 0.2
 */
public final class AnchoredReranker implements Reranker {

    private final Reranker learned;
    private final double alpha;
    private final int range;

    /**
     * Creates the reranker.
     *
     * @param learned the learned reranker; never {@code null}
     * @param weights its weight and range ({@link AnchorWeights#rerankerAlpha()}, {@link AnchorWeights#rerankerRange()})
     */
    public AnchoredReranker(Reranker learned, AnchorWeights weights) {
        this.learned = Objects.requireNonNull(learned, "learned reranker must not be null");
        this.alpha = weights.rerankerAlpha();
        this.range = weights.rerankerRange();
    }

    @Override
    public String name() {
        return "hydra";
    }

    @Override
    public void prepare(Query query) {
        if (alpha > 0) {
            learned.prepare(query);
        }
    }

    @Override
    public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
        int inRange = Math.min(range, candidates.size());
        double[] score = new double[candidates.size()];
        for (int i = 0; i < inRange; i++) {
            score[i] = (double) (range - i) / range;
        }
        if (alpha > 0 && inRange > 1) {
            double[] z = Standardized.of(learnedScores(query, candidates.subList(0, inRange)));
            for (int i = 0; i < inRange; i++) {
                score[i] += alpha * z[i];
            }
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < inRange; i++) {
            lowest = Math.min(lowest, score[i]);
        }
        for (int i = inRange; i < score.length; i++) {
            score[i] = lowest - (double) (i - inRange + 1) / range; // below every item in range, in order
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> score[i]).reversed().thenComparingInt(i -> i));
        List<Scored<HistoryItem>> out = new ArrayList<>(Math.min(k, order.size()));
        for (int i : order.subList(0, Math.min(k, order.size()))) {
            out.add(new Scored<>(candidates.get(i).value(), score[i]));
        }
        return List.copyOf(out);
    }

    /** The learned scores of the items in range, in the retriever's order. */
    private double[] learnedScores(Query query, List<Scored<HistoryItem>> items) {
        List<Scored<HistoryItem>> scored = learned.rerank(query, items, items.size());
        Map<String, Double> byId = new HashMap<>();
        scored.forEach(s -> byId.put(s.value().id(), s.score()));
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Double s = byId.get(items.get(i).value().id());
            if (s == null) {
                throw new IllegalStateException("learned reranker " + learned.name() + " dropped item "
                        + items.get(i).value().id() + " of " + items.size());
            }
            out[i] = s;
        }
        return out;
    }
}

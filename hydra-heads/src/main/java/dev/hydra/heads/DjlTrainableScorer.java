package dev.hydra.heads;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.training.LabeledPair;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.core.training.TrainableScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link PersonalizedScorer} driven by the HYDRA trainer: labeled text pairs are encoded once (each distinct
 * text a single time, in batches) and become {@link PairExample}s with the same features the
 * {@link HydraReranker} and {@link HydraAdapter} compute at inference.
 */
final class DjlTrainableScorer implements TrainableScorer {

    private static final int BATCH = 64;

    private final PersonalizedScorer scorer;
    private final TextEncoder encoder;
    private final TextEncoder inference;
    private final String module;
    private final TrainingObjective objective;

    /** Training pairs are encoded by {@code encoder}; the reranker and adapter share {@code inference}'s vectors. */
    DjlTrainableScorer(PersonalizedScorer scorer, TextEncoder encoder, TextEncoder inference, String module,
            TrainingObjective objective) {
        this.scorer = scorer;
        this.encoder = encoder;
        this.inference = inference;
        this.module = module;
        this.objective = objective;
    }

    /** Fewer of a user's queries than this, or pairs of one label only, and the user keeps the default head. */
    static final int MIN_FIT_QUERIES = 3;

    @Override
    public void train(List<LabeledPair> pairs, long seed, ProgressListener progress) {
        List<LabeledPair> informative = withBothLabels(pairs);
        List<PairExample> examples = examples(informative.isEmpty() ? pairs : informative);
        progress.update(module + " training", 0, 1);
        scorer.train(examples, TrainingOptions.training(seed).withObjective(objective));
        progress.update(module + " training", 1, 1);
    }

    @Override
    public boolean fit(UserId user, List<LabeledPair> pairs, long seed) {
        List<LabeledPair> own = pairs.stream().filter(p -> p.user().equals(user)).toList();
        if (own.size() != pairs.size()) {
            throw new IllegalArgumentException("fitting " + user + " with pairs of other users");
        }
        List<LabeledPair> informative = withBothLabels(own);
        long queries = informative.stream().map(LabeledPair::queryId).distinct().count();
        if (queries < MIN_FIT_QUERIES) {
            scorer.forget(user); // too little to learn from: the user keeps the default head
            return false;
        }
        return scorer.fit(user, examples(informative), TrainingOptions.fitting(seed).withObjective(objective))
                .bestEpoch() > 0;
    }

    /**
     * The pairs of the queries whose pairs hold both labels: a query whose items are all positive or all negative
     * says how easy the query is, not which item is better.
     */
    static List<LabeledPair> withBothLabels(List<LabeledPair> pairs) {
        Map<String, int[]> counts = new HashMap<>();
        for (LabeledPair p : pairs) {
            counts.computeIfAbsent(p.queryKey(), k -> new int[2])[p.positive() ? 1 : 0]++;
        }
        return pairs.stream().filter(p -> {
            int[] c = counts.get(p.queryKey());
            return c[0] > 0 && c[1] > 0;
        }).toList();
    }

    @Override
    public Reranker asReranker() {
        return new HydraReranker(scorer, inference);
    }

    @Override
    public Adapter asAdapter() {
        return new HydraAdapter(scorer, inference);
    }

    @Override
    public void save(Path dir) {
        scorer.save(dir);
    }

    @Override
    public void close() {
        // the scorer keeps its parameters on the Java heap; DJL resources are scoped per call
    }

    private List<PairExample> examples(List<LabeledPair> pairs) {
        Map<String, float[]> vectors = encode(pairs);
        Map<String, Double> best = new HashMap<>();
        for (LabeledPair p : pairs) {
            best.merge(p.queryKey(), p.retrievalScore(), Math::max);
        }
        boolean reranker = HeadStore.RERANKER.equals(module);
        Map<LabeledPair, Double> consensus = reranker
                && scorer.config().extraFeatures() == HydraReranker.EXTRA_FEATURES_WITH_ANSWERS
                        ? consensus(pairs) : null;
        List<PairExample> out = new ArrayList<>(pairs.size());
        for (LabeledPair p : pairs) {
            double top = best.get(p.queryKey());
            float[] extras = !reranker ? new float[0]
                    : consensus == null ? PairFeatures.rerankerExtras(p.retrievalScore(), top, p.rank())
                    : PairFeatures.rerankerExtras(p.retrievalScore(), top, p.rank(), consensus.get(p));
            out.add(new PairExample(p.user(), vectors.get(p.query()), vectors.get(p.text()), extras,
                    p.positive() ? 1 : 0,
                    p.queryId()));
        }
        return out;
    }

    /** Each pair's answer consensus among the pairs of its query, taken in rank order, as at inference. */
    private static Map<LabeledPair, Double> consensus(List<LabeledPair> pairs) {
        Map<String, List<LabeledPair>> byQuery = new LinkedHashMap<>();
        for (LabeledPair p : pairs) {
            byQuery.computeIfAbsent(p.queryKey(), k -> new ArrayList<>()).add(p);
        }
        Map<LabeledPair, Double> out = new IdentityHashMap<>();
        for (List<LabeledPair> query : byQuery.values()) {
            List<LabeledPair> ranked = query.stream().sorted(Comparator.comparingInt(LabeledPair::rank)).toList();
            double[] c = PairFeatures.answerConsensus(ranked.stream().map(LabeledPair::output).toList());
            for (int i = 0; i < c.length; i++) {
                out.put(ranked.get(i), c[i]);
            }
        }
        return out;
    }

    private Map<String, float[]> encode(List<LabeledPair> pairs) {
        Set<String> texts = new LinkedHashSet<>();
        for (LabeledPair p : pairs) {
            texts.add(p.query());
            texts.add(p.text());
        }
        List<String> all = new ArrayList<>(texts);
        Map<String, float[]> out = new HashMap<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            float[][] v = encoder.encode(batch);
            for (int i = 0; i < batch.size(); i++) {
                out.put(batch.get(i), v[i]);
            }
        }
        return out;
    }
}

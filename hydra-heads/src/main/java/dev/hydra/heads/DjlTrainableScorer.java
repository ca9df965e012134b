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
import java.util.HashMap;
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

    /** Training pairs are encoded by {@code encoder}; the reranker and adapter share {@code inference}'s vectors. */
    DjlTrainableScorer(PersonalizedScorer scorer, TextEncoder encoder, TextEncoder inference, String module) {
        this.scorer = scorer;
        this.encoder = encoder;
        this.inference = inference;
        this.module = module;
    }

    @Override
    public void train(List<LabeledPair> pairs, long seed, ProgressListener progress) {
        List<PairExample> examples = examples(pairs);
        progress.update(module + " training", 0, 1);
        scorer.train(examples, TrainingOptions.training(seed));
        progress.update(module + " training", 1, 1);
    }

    @Override
    public void fit(UserId user, List<LabeledPair> pairs, long seed) {
        List<LabeledPair> own = pairs.stream().filter(p -> p.user().equals(user)).toList();
        if (own.size() != pairs.size()) {
            throw new IllegalArgumentException("fitting " + user + " with pairs of other users");
        }
        if (!own.isEmpty()) {
            scorer.fit(user, examples(own), TrainingOptions.fitting(seed));
        }
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
            best.merge(p.user() + "\u0000" + p.queryId(), p.retrievalScore(), Math::max);
        }
        boolean reranker = HeadStore.RERANKER.equals(module);
        List<PairExample> out = new ArrayList<>(pairs.size());
        for (LabeledPair p : pairs) {
            float[] extras = reranker
                    ? PairFeatures.rerankerExtras(p.retrievalScore(), best.get(p.user() + "\u0000" + p.queryId()), p.rank())
                    : new float[0];
            out.add(new PairExample(p.user(), vectors.get(p.query()), vectors.get(p.text()), extras, p.positive() ? 1 : 0));
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

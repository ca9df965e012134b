package dev.hydra.it.reliability;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.Reranker;
import dev.hydra.core.training.LabeledPair;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.core.training.TrainableScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A scorer factory with no weights, so that model manifests can be read without model files. */
final class StubScorers implements TrainableScorer.Factory {

    @Override
    public TrainableScorer create(String module, long seed) {
        return new Stub();
    }

    @Override
    public TrainableScorer load(Path dir, String module) {
        return new Stub();
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("encoder", "stub");
    }

    /** A scorer that cannot score. */
    private static final class Stub implements TrainableScorer {
        @Override
        public void train(List<LabeledPair> pairs, long seed, ProgressListener progress) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public boolean fit(UserId user, List<LabeledPair> pairs, long seed) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public Reranker asReranker() {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public Adapter asAdapter() {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void save(Path dir) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void close() {}
    }
}

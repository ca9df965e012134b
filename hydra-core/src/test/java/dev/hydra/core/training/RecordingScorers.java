package dev.hydra.core.training;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.Reranker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scorer implementation for the trainer's tests: it records what it is trained and fitted on, prefers longer
 * texts, and saves a marker file.
 */
class RecordingScorers implements TrainableScorer.Factory {

    final Map<String, List<LabeledPair>> trained = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, List<LabeledPair>> fitted = Collections.synchronizedMap(new LinkedHashMap<>());
    /** How often the trainer asked for a scorer of its own state, as each fold of its cross-fitting must. */
    final java.util.concurrent.atomic.AtomicInteger isolated = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public TrainableScorer.Factory isolated() {
        isolated.incrementAndGet();
        return this;
    }

    /** How many scorers were made. */
    final java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public TrainableScorer create(String module, long seed) {
        created.incrementAndGet();
        return new Scorer(module);
    }

    @Override
    public TrainableScorer load(Path dir, String module) {
        if (!Files.exists(dir.resolve("saved"))) {
            throw new dev.hydra.api.CorruptDataException(dir.toString(), "nothing saved");
        }
        return new Scorer(module);
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("kind", "recording");
    }

    List<LabeledPair> allPairs() {
        List<LabeledPair> all = new ArrayList<>();
        trained.values().forEach(all::addAll);
        fitted.values().forEach(all::addAll);
        return all;
    }

    private final class Scorer implements TrainableScorer {
        private final String module;

        Scorer(String module) {
            this.module = module;
        }

        @Override
        public void train(List<LabeledPair> pairs, long seed, ProgressListener progress) {
            trained.put(module, List.copyOf(pairs));
        }

        @Override
        public boolean fit(UserId user, List<LabeledPair> pairs, long seed) {
            fitted.put(module + "/" + user, List.copyOf(pairs));
            return true;
        }

        @Override
        public Reranker asReranker() {
            return new Reranker() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
                    return candidates.stream().map(s -> new Scored<>(s.value(), s.value().input().length()))
                            .sorted(Scored.bestFirst()).limit(k).toList();
                }
            };
        }

        @Override
        public Adapter asAdapter() {
            return new Adapter() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                    return candidates.stream().map(c -> new Scored<>(c, c.text().length())).toList();
                }
            };
        }

        @Override
        public void save(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("saved"), module);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {}
    }
}

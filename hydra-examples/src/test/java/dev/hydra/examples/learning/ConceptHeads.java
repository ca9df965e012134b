package dev.hydra.examples.learning;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.Reranker;
import dev.hydra.core.training.LabeledPair;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.core.training.TrainableScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learned parts for the test's world, in place of hydra-heads: a head is a table from a query's concept (machines
 * or spirits, whatever the synonym) to the answer of the items that help, learned from the positive pairs; the
 * shared head is the table of all training users. A user's own head is kept only when it labels their pairs
 * better than the shared head. It remembers nothing across processes but what it saves.
 */
final class ConceptHeads implements TrainableScorer.Factory {

    static final List<String> MACHINES = List.of("robots", "androids", "cyborgs", "machines");
    static final List<String> SPIRITS = List.of("ghosts", "spirits", "phantoms", "hauntings");

    static Optional<String> concept(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (MACHINES.stream().anyMatch(lower::contains)) {
            return Optional.of("machine");
        }
        return SPIRITS.stream().anyMatch(lower::contains) ? Optional.of("spirit") : Optional.empty();
    }

    @Override
    public TrainableScorer create(String module, long seed) {
        return new Scorer();
    }

    @Override
    public TrainableScorer load(Path dir, String module) {
        Scorer scorer = new Scorer();
        try {
            for (String line : Files.readAllLines(dir.resolve("heads.tsv"))) {
                String[] f = line.split("\t", -1);
                scorer.tableOf(f[0].isEmpty() ? null : UserId.of(f[0])).put(f[1], f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scorer;
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("kind", "concept-heads");
    }

    private static final class Scorer implements TrainableScorer {
        private final Map<String, String> shared = new ConcurrentHashMap<>();
        private final Map<UserId, Map<String, String>> own = new ConcurrentHashMap<>();

        Map<String, String> tableOf(UserId user) {
            return user == null ? shared : own.computeIfAbsent(user, u -> new ConcurrentHashMap<>());
        }

        private static Map<String, String> table(List<LabeledPair> pairs) {
            Map<String, Map<String, Integer>> votes = new HashMap<>();
            for (LabeledPair p : pairs) {
                if (p.positive() && !p.output().isEmpty()) {
                    concept(p.query()).ifPresent(c -> votes.computeIfAbsent(c, x -> new HashMap<>())
                            .merge(p.output(), 1, Integer::sum));
                }
            }
            Map<String, String> out = new HashMap<>();
            votes.forEach((c, counts) -> out.put(c, counts.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow().getKey()));
            return out;
        }

        private static long correct(Map<String, String> table, List<LabeledPair> pairs) {
            return pairs.stream().filter(p -> concept(p.query()).map(table::get).map(p.output()::equals)
                    .orElse(false) == p.positive()).count();
        }

        @Override
        public void train(List<LabeledPair> pairs, long seed, ProgressListener progress) {
            shared.putAll(table(pairs));
            pairs.stream().map(LabeledPair::user).distinct().forEach(u -> own.put(u, new ConcurrentHashMap<>(
                    table(pairs.stream().filter(p -> p.user().equals(u)).toList()))));
        }

        @Override
        public boolean fit(UserId user, List<LabeledPair> pairs, long seed) {
            Map<String, String> mine = new HashMap<>(shared);
            mine.putAll(table(pairs));
            if (correct(mine, pairs) > correct(shared, pairs)) {
                own.put(user, new ConcurrentHashMap<>(mine));
                return true;
            }
            own.remove(user);
            return false;
        }

        private double scoreOf(UserId user, String query, String answer) {
            Map<String, String> table = own.getOrDefault(user, shared);
            return concept(query).map(table::get).map(answer::equals).orElse(false) ? 1 : 0;
        }

        @Override
        public Reranker asReranker() {
            return new Reranker() {
                @Override
                public String name() {
                    return "concept-heads";
                }

                @Override
                public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
                    return candidates.stream()
                            .map(s -> new Scored<>(s.value(),
                                    scoreOf(query.userId(), query.text(), s.value().output())))
                            .sorted(Scored.bestFirst()).limit(k).toList();
                }
            };
        }

        @Override
        public Adapter asAdapter() {
            return new Adapter() {
                @Override
                public String name() {
                    return "concept-heads";
                }

                @Override
                public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                    return candidates.stream()
                            .map(c -> new Scored<>(c, scoreOf(query.userId(), query.text(), c.text()))).toList();
                }
            };
        }

        @Override
        public void save(Path dir) {
            StringBuilder out = new StringBuilder();
            shared.forEach((c, a) -> out.append('\t').append(c).append('\t').append(a).append('\n'));
            own.forEach((u, t) -> t.forEach((c, a) -> out.append(u.value()).append('\t').append(c).append('\t')
                    .append(a).append('\n')));
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("heads.tsv"), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {}
    }
}

package dev.hydra.examples.cli.bench;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded synthetic histories and queries over one made-up vocabulary, skewed so that a few words are common. */
final class SyntheticHistory {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tu", "sa", "vo", "ne", "pi", "dar", "go",
        "li", "zu", "mar", "te", "bo"};

    private final Random random;
    private final List<String> vocabulary = new ArrayList<>();

    SyntheticHistory(long seed, int words) {
        this.random = new Random(seed);
        while (vocabulary.size() < words) {
            StringBuilder w = new StringBuilder();
            for (int s = 0, n = 2 + random.nextInt(2); s < n; s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (!vocabulary.contains(w.toString())) {
                vocabulary.add(w.toString());
            }
        }
    }

    /** A text of {@code min} to {@code max} words. */
    String text(int min, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = min + random.nextInt(max - min + 1); i < n; i++) {
            double r = random.nextDouble();
            out.append(i == 0 ? "" : " ").append(vocabulary.get((int) (vocabulary.size() * r * r)));
        }
        return out.toString();
    }

    /** The history of one user: inputs of 12 to 30 words, outputs of 4 to 10. */
    List<HistoryItem> items(UserId user, int count) {
        List<HistoryItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(new HistoryItem("i" + i, user, text(12, 30), text(4, 10), Instant.ofEpochSecond(i), Map.of()));
        }
        return items;
    }
}

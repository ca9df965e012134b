package dev.hydra.it.reliability;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded users whose every history item carries unique canary strings (in input and output), so that any text
 * can be searched for other users' data. Items share a small topic vocabulary, so that a retriever that ignored
 * the user would find other users' items. Thread-safe: items may be added while others are read.
 */
final class CanaryHistory {

    /** A canary: {@code cnq}, 12 lower-case letters or digits, a digit (one token for an English analyzer). */
    static final Pattern CANARY = Pattern.compile("cnq[a-z0-9]{12}[0-9]");

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final List<String> TOPICS = List.of("garden", "river", "engine", "violin", "harbor", "orchard",
            "lantern", "glacier", "market", "novel", "bridge", "comet", "meadow", "pottery", "sailing", "thunder",
            "canyon", "festival", "library", "mountain");

    private final Map<UserId, List<HistoryItem>> items = new LinkedHashMap<>();
    private final Map<String, UserId> owners = new ConcurrentHashMap<>();
    private final Random random;

    private CanaryHistory(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Makes users {@code <prefix>0000..} with {@code perUser} items each.
     */
    static CanaryHistory generate(String prefix, int users, int perUser, long seed) {
        return generate(prefix, users, perUser, seed, false);
    }

    /**
     * Makes users with {@code perUser} items each; with {@code applicationIds} every fourth user's id is plain
     * ({@code <prefix>0000}), the others have a space, a slash, or a path traversal with an accent written
     * decomposed ({@code <prefix> 0001}, {@code <prefix>/0002}, {@code ../<prefix>é0003}), as applications' ids do.
     */
    static CanaryHistory generate(String prefix, int users, int perUser, long seed, boolean applicationIds) {
        CanaryHistory h = new CanaryHistory(seed);
        for (int u = 0; u < users; u++) {
            String shape = !applicationIds ? "%s%04d" : switch (u % 4) {
                case 1 -> "%s %04d";
                case 2 -> "%s/%04d";
                case 3 -> "../%se\u0301%04d";
                default -> "%s%04d";
            };
            UserId user = UserId.of(String.format(Locale.ROOT, shape, prefix, u));
            List<HistoryItem> list = new ArrayList<>();
            for (int i = 0; i < perUser; i++) {
                list.add(h.newItem(user, "i" + i));
            }
            h.items.put(user, list);
        }
        return h;
    }

    /** A new item of a user, with fresh canaries (registered as the user's). */
    synchronized HistoryItem newItem(UserId user, String id) {
        String in = canary(user);
        String out = canary(user);
        String input = "notes about the " + topic() + " and the " + topic() + " near the " + topic() + " " + in;
        String output = "my " + topic() + " story " + out;
        return new HistoryItem(id, user, input, output, Instant.ofEpochSecond(1_600_000_000L + random.nextInt(1 << 20)),
                Map.of("tag", topic()));
    }

    /** A query in the shared vocabulary. */
    static String query(SplittableRandom r) {
        return "tell me about the " + TOPICS.get(r.nextInt(TOPICS.size())) + " and the "
                + TOPICS.get(r.nextInt(TOPICS.size()));
    }

    private String topic() {
        return TOPICS.get(random.nextInt(TOPICS.size()));
    }

    private String canary(UserId user) {
        while (true) {
            StringBuilder b = new StringBuilder("cnq");
            for (int i = 0; i < 12; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            b.append((char) ('0' + random.nextInt(10)));
            String c = b.toString();
            if (owners.putIfAbsent(c, user) == null) {
                return c;
            }
        }
    }

    List<UserId> users() {
        return List.copyOf(items.keySet());
    }

    List<HistoryItem> items(UserId user) {
        return items.getOrDefault(user, List.of());
    }

    List<HistoryItem> allItems() {
        List<HistoryItem> all = new ArrayList<>();
        items.values().forEach(all::addAll);
        return all;
    }

    /** The canaries of some users' generated items. */
    Set<String> canaries(Collection<UserId> users) {
        Set<String> out = new HashSet<>();
        owners.forEach((c, u) -> {
            if (users.contains(u)) {
                out.add(c);
            }
        });
        return out;
    }

    /** The owner of a canary, or {@code null} when it is not one of ours. */
    UserId owner(String canary) {
        return owners.get(canary);
    }

    /** Counts the canaries in a text: [own, foreign] for a user. */
    int[] count(UserId user, CharSequence text) {
        int[] counts = new int[2];
        Matcher m = CANARY.matcher(text);
        while (m.find()) {
            UserId owner = owners.get(m.group());
            if (owner != null) {
                counts[owner.equals(user) ? 0 : 1]++;
            }
        }
        return counts;
    }
}

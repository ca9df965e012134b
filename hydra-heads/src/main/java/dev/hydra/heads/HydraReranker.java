package dev.hydra.heads;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.heads.internal.PreparedQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HYDRA reranker (name {@code "hydra"}): a {@link PersonalizedScorer} with two extra features per item,
 * the retriever's score relative to the best one and the reciprocal rank ({@link PairFeatures#rerankerExtras}).
 *
 * <p>{@link #rerank(Query, List, int)} encodes the query and the items' {@link HistoryItem#retrievalText()}, in
 * one call of the encoder. With a history store ({@link #withStoredVectors}) it first takes the vectors the store
 * computed at ingest ({@link HistoryStore#storedVectors}) and encodes only the items the store has no vector of
 * this encoder for (none, when the store was filled with this encoder). A query {@link #prepare prepared} before
 * (the pipeline does so while it retrieves) is not encoded again. Callers that hold every vector already
 * use {@link #rerank(Query, float[], List, float[][], int)} and encode nothing. <b>Thread-safety:</b> safe for
 * concurrent use when the encoder and the store are.
 *
 * @since 0.1
 */
public final class HydraReranker implements Reranker {

    /** The number of extra features of a reranker that sees the retrieval score and rank. */
    public static final int EXTRA_FEATURES = 2;

    /**
     * The number of extra features of a reranker that also sees the items' answers ({@link
     * PairFeatures#answerConsensus}).
     */
    public static final int EXTRA_FEATURES_WITH_ANSWERS = 3;

    /** The most prepared query vectors kept for a rerank that has not come (yet). */
    private static final int PREPARED_QUERIES = 256;

    private final PersonalizedScorer scorer;
    private final TextEncoder encoder;
    private final PreparedQueries prepared = new PreparedQueries(PREPARED_QUERIES);
    private final HistoryStore vectors;

    /**
     * Creates the reranker.
     *
     * @param scorer the scorer, configured with {@link #EXTRA_FEATURES} or {@link #EXTRA_FEATURES_WITH_ANSWERS}
     *     extra features; never {@code null}
     * @param encoder the encoder its base was trained on; never {@code null}
     * @throws IllegalArgumentException when the scorer does not fit the encoder or has the wrong extras
     */
    public HydraReranker(PersonalizedScorer scorer, TextEncoder encoder) {
        this(scorer, encoder, null);
    }

    private HydraReranker(PersonalizedScorer scorer, TextEncoder encoder, HistoryStore vectors) {
        this.scorer = Objects.requireNonNull(scorer, "scorer must not be null");
        this.encoder = Objects.requireNonNull(encoder, "encoder must not be null");
        this.vectors = vectors;
        int extras = scorer.config().extraFeatures();
        if (scorer.config().encoderDim() != encoder.dimension()
                || (extras != EXTRA_FEATURES && extras != EXTRA_FEATURES_WITH_ANSWERS)) {
            throw new IllegalArgumentException("the reranker's scorer needs encoderDim " + encoder.dimension()
                    + " and " + EXTRA_FEATURES + " or " + EXTRA_FEATURES_WITH_ANSWERS + " extra features, has "
                    + scorer.config());
        }
    }

    /**
     * The same reranker, taking item vectors from a history store instead of encoding the items.
     *
     * @param store the store the candidates come from; its vectors are used when they are of this reranker's
     *     encoder (same {@link TextEncoder#id()}); never {@code null}
     * @return a new reranker
     * @since 0.1
     */
    public HydraReranker withStoredVectors(HistoryStore store) {
        return new HydraReranker(scorer, encoder, Objects.requireNonNull(store, "store must not be null"));
    }

    @Override
    public String name() {
        return "hydra";
    }

    @Override
    public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
        float[][] items = stored(candidates);
        float[] queryVector = prepared.take(query.text());
        List<String> texts = new ArrayList<>(candidates.size() + 1);
        if (queryVector == null) {
            texts.add(query.text());
        }
        int first = texts.size();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                missing.add(i);
                texts.add(candidates.get(i).value().retrievalText());
            }
        }
        if (!texts.isEmpty()) {
            float[][] encoded = encode(texts);
            for (int j = 0; j < missing.size(); j++) {
                items[missing.get(j)] = encoded[first + j];
            }
            queryVector = first == 1 ? encoded[0] : queryVector;
        }
        return rerank(query, queryVector, candidates, items, k);
    }

    /**
     * Encodes the query now, while the pipeline's retriever runs, so that {@link #rerank} finds its vector ready
     * (on two cores this hides the retrieval's time behind the encoder's).
     */
    @Override
    public void prepare(Query query) {
        prepared.put(query.text(), encode(List.of(query.text()))[0]);
    }

    private float[][] encode(List<String> texts) {
        float[][] encoded = encoder.encode(texts);
        if (encoded == null || encoded.length != texts.size()) {
            throw new IllegalStateException("encoder " + encoder.id() + " returned "
                    + (encoded == null ? "nothing" : encoded.length + " vectors") + " for " + texts.size() + " texts");
        }
        return encoded;
    }

    /** The store's vectors of the candidates, {@code null} where it has none of this encoder's dimension. */
    private float[][] stored(List<Scored<HistoryItem>> candidates) {
        float[][] items = new float[candidates.size()][];
        if (vectors == null) {
            return items;
        }
        List<Optional<float[]>> found = vectors.storedVectors(candidates.stream().map(Scored::value).toList(),
                encoder.id());
        if (found == null || found.size() != items.length) {
            throw new IllegalStateException("history store " + vectors.name() + " returned "
                    + (found == null ? "nothing" : found.size() + " entries") + " for the vectors of "
                    + items.length + " items");
        }
        for (int i = 0; i < items.length; i++) {
            items[i] = found.get(i).filter(v -> v.length == encoder.dimension()).orElse(null);
        }
        return items;
    }

    /**
     * Reranks with precomputed vectors.
     *
     * @param query the query
     * @param queryVector the query's vector
     * @param candidates the retrieved items with their retrieval scores, best first
     * @param itemVectors the items' vectors, in the same order
     * @param k the most items to keep, at least 0
     * @return the kept items with the reranker's scores, best first
     * @throws IllegalArgumentException when {@code k} is negative or the sizes differ
     */
    public List<Scored<HistoryItem>> rerank(Query query, float[] queryVector, List<Scored<HistoryItem>> candidates,
            float[][] itemVectors, int k) {
        checkK(k);
        if (itemVectors.length != candidates.size()) {
            throw new IllegalArgumentException(
                    candidates.size() + " candidates but " + itemVectors.length + " vectors");
        }
        if (candidates.isEmpty() || k == 0) {
            return List.of();
        }
        double best = candidates.stream().mapToDouble(Scored::score).max().orElse(0);
        float[][] extras = new float[candidates.size()][];
        double[] consensus = scorer.config().extraFeatures() == EXTRA_FEATURES_WITH_ANSWERS
                ? PairFeatures.answerConsensus(candidates.stream().map(c -> c.value().output()).toList())
                : null;
        for (int i = 0; i < extras.length; i++) {
            extras[i] = consensus == null ? PairFeatures.rerankerExtras(candidates.get(i).score(), best, i)
                    : PairFeatures.rerankerExtras(candidates.get(i).score(), best, i, consensus[i]);
        }
        double[] scores = scorer.score(query.userId(), queryVector, itemVectors, extras);
        List<Scored<HistoryItem>> out = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            out.add(new Scored<>(candidates.get(i).value(), scores[i]));
        }
        out.sort(Scored.bestFirst());
        return List.copyOf(out.subList(0, Math.min(k, out.size())));
    }

    /**
     * The scorer behind this reranker.
     *
     * @return the scorer
     */
    public PersonalizedScorer scorer() {
        return scorer;
    }

    private static void checkK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
    }
}

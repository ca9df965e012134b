package dev.hydra.heads;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HYDRA adapter (name {@code "hydra"}): a {@link PersonalizedScorer} without extra features that scores
 * each (query, candidate) pair; the caller answers with the best.
 *
 * <p>{@link #score(Query, List)} encodes the query and the candidates; {@link #score(Query, float[], List,
 * float[][])} takes precomputed vectors. {@link #prepare(Query, Candidate)} scores a candidate as its sample
 * completes, and the pool's score takes that score as long as the model and the user's head are the same (a score
 * depends on its candidate alone, so it is the number the pool would give). <b>Thread-safety:</b> safe for concurrent
 * use when the encoder is.
 *
 * @since 0.1
 */
public final class HydraAdapter implements Adapter {

    /** Prepared scores kept at most; more are dropped at once (requests that never asked for their pool's). */
    static final int MAX_PREPARED = 4096;

    private final PersonalizedScorer scorer;
    private final TextEncoder encoder;
    private final Map<PreparedKey, PreparedScore> prepared = new ConcurrentHashMap<>();

    /** A candidate of a user's query. */
    private record PreparedKey(UserId user, String query, String candidate) {}

    /** A candidate's score, and the model and head it was computed with. */
    private record PreparedScore(Object basis, double score) {}

    /**
     * Creates the adapter.
     *
     * @param scorer the scorer, configured without extra features; never {@code null}
     * @param encoder the encoder its base was trained on; never {@code null}
     * @throws IllegalArgumentException when the scorer does not fit the encoder or has extra features
     */
    public HydraAdapter(PersonalizedScorer scorer, TextEncoder encoder) {
        this.scorer = Objects.requireNonNull(scorer, "scorer must not be null");
        this.encoder = Objects.requireNonNull(encoder, "encoder must not be null");
        if (scorer.config().encoderDim() != encoder.dimension() || scorer.config().extraFeatures() != 0) {
            throw new IllegalArgumentException("the adapter's scorer needs encoderDim " + encoder.dimension()
                    + " and no extra features, has " + scorer.config());
        }
    }

    @Override
    public String name() {
        return "hydra";
    }

    @Override
    public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
        Object basis = scorer.basis(query.userId());
        double[] scores = new double[candidates.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            PreparedScore p = prepared.get(keyOf(query, candidates.get(i)));
            if (p != null && p.basis().equals(basis)) {
                scores[i] = p.score();
            } else {
                missing.add(i);
            }
        }
        candidates.forEach(c -> prepared.remove(keyOf(query, c)));
        if (!missing.isEmpty()) {
            List<String> texts = new ArrayList<>(missing.size() + 1);
            texts.add(query.text());
            missing.forEach(i -> texts.add(candidates.get(i).text()));
            float[][] vectors = encoder.encode(texts);
            float[][] items = new float[missing.size()][];
            System.arraycopy(vectors, 1, items, 0, items.length);
            double[] computed = scorer.score(basis, vectors[0], items, null);
            for (int j = 0; j < computed.length; j++) {
                scores[missing.get(j)] = computed[j];
            }
        }
        List<Scored<Candidate>> out = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            out.add(new Scored<>(candidates.get(i), scores[i]));
        }
        return List.copyOf(out);
    }

    private static PreparedKey keyOf(Query query, Candidate candidate) {
        return new PreparedKey(query.userId(), query.text(), candidate.text());
    }

    /**
     * Encodes and scores a candidate as soon as its sample completes, so that {@link #score(Query, List)} of the
     * pool finds its score ready: when the last sample arrives, only its own vector and score are left to compute.
     * The score is kept for that pool's score only while the model and the user's head stay the same, and is
     * dropped when the pool is scored. Each call encodes the query with its candidate: give the adapter a caching
     * encoder (a {@link dev.hydra.core.encoder.CachingTextEncoder}, as {@link DjlScorerFactory}'s adapters have) so
     * that a pool's query is encoded once.
     *
     * @param query the query
     * @param candidate the candidate
     * @since 0.3
     */
    @Override
    public void prepare(Query query, Candidate candidate) {
        Object basis = scorer.basis(query.userId());
        float[][] vectors = encoder.encode(List.of(query.text(), candidate.text()));
        double score = scorer.score(basis, vectors[0], new float[][] {vectors[1]}, null)[0];
        if (prepared.size() >= MAX_PREPARED) {
            prepared.clear();
        }
        prepared.put(keyOf(query, candidate), new PreparedScore(basis, score));
    }

    /**
     * How many prepared scores wait for their pool's score (for tests).
     *
     * @return the count
     */
    int preparedCount() {
        return prepared.size();
    }

    /**
     * Scores candidates with precomputed vectors.
     *
     * @param query the query
     * @param queryVector the query's vector
     * @param candidates the candidates
     * @param candidateVectors their vectors, in the same order
     * @return the candidates with their scores, in the order given
     * @throws IllegalArgumentException when the sizes differ
     */
    public List<Scored<Candidate>> score(Query query, float[] queryVector, List<Candidate> candidates,
            float[][] candidateVectors) {
        if (candidateVectors.length != candidates.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + candidateVectors.length
                    + " vectors");
        }
        double[] scores = scorer.score(query.userId(), queryVector, candidateVectors, null);
        List<Scored<Candidate>> out = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            out.add(new Scored<>(candidates.get(i), scores[i]));
        }
        return List.copyOf(out);
    }

    /**
     * The scorer behind this adapter.
     *
     * @return the scorer
     */
    public PersonalizedScorer scorer() {
        return scorer;
    }
}

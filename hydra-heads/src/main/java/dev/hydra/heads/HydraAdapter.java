package dev.hydra.heads;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HYDRA adapter (name {@code "hydra"}): a {@link PersonalizedScorer} without extra features that scores
 * each (query, candidate) pair; the caller answers with the best.
 *
 * <p>{@link #score(Query, List)} encodes the query and the candidates; {@link #score(Query, float[], List,
 * float[][])} takes precomputed vectors. <b>Thread-safety:</b> safe for concurrent use when the encoder is.
 *
 * @since 0.1
 */
public final class HydraAdapter implements Adapter {

    private final PersonalizedScorer scorer;
    private final TextEncoder encoder;

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
        List<String> texts = new ArrayList<>(candidates.size() + 1);
        texts.add(query.text());
        candidates.forEach(c -> texts.add(c.text()));
        float[][] vectors = encoder.encode(texts);
        float[][] items = new float[candidates.size()][];
        System.arraycopy(vectors, 1, items, 0, items.length);
        return score(query, vectors[0], candidates, items);
    }

    /**
     * Encodes a candidate as soon as its sample completes, so that {@link #score(Query, List)} of the pool finds
     * its vector ready when the encoder caches (as a {@link dev.hydra.core.encoder.CachingTextEncoder} does, which
     * the CLI's pipelines use): when the last sample arrives, only its own vector is left to compute.
     *
     * @param query the query
     * @param candidate the candidate
     * @since 0.3
     */
    @Override
    public void prepare(Query query, Candidate candidate) {
        encoder.encode(List.of(candidate.text()));
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

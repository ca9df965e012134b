package dev.hydra.api.spi;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Scores the candidates the black box sampled, so that the best one answers (HYDRA-Adapter: a shared base
 * plus a head per user).
 *
 * <p><b>Contract:</b> one score per candidate, in the order given (the caller picks the argmax); higher means
 * more likely to be the user's answer. A user without a personal head is scored by the shared model.
 * <b>Thread-safety:</b> safe for concurrent use.
 *
 * <p><b>Implementing:</b> implement {@link #doScore} only. Callers call {@link #score}, which checks the
 * arguments, answers no candidates itself, gives {@code doScore} an unmodifiable copy of the candidates, and
 * checks that it returned one score per candidate in their order; an implementation repeats none of this.
 *
 * @since 0.1
 */
@ConsumerType
public interface Adapter extends Plugin {

    /**
     * Scores candidates: checks the arguments, then calls {@link #doScore} (not for no candidates, which get an
     * empty list), then checks its result. Implementations leave this method alone.
     *
     * @param query the query; never {@code null}
     * @param candidates the candidates; never {@code null}, no {@code null} element
     * @return the candidates with their scores, in the order given
     * @throws NullPointerException when {@code query}, {@code candidates} or one of them is {@code null}
     * @throws IllegalStateException when {@code doScore} returned {@code null}, or not one score per candidate
     *     in their order
     */
    default List<Scored<Candidate>> score(Query query, List<Candidate> candidates) {
        SpiChecks.query(query, "adapter", this);
        List<Candidate> given = SpiChecks.elements(candidates, "candidates", "adapter", this);
        if (given.isEmpty()) {
            return List.of();
        }
        return SpiChecks.scored(doScore(query, given), given, this);
    }

    /**
     * Scores, with checked arguments: what an implementation writes. Called by {@link #score} only.
     *
     * @param query the query; never {@code null}
     * @param candidates the candidates; unmodifiable, at least one, no {@code null}
     * @return the candidates with their scores, in the order given; never {@code null}
     * @since 0.2
     */
    List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates);

    /**
     * Starts the work that depends on one candidate alone, such as encoding it, so that the following
     * {@link #score} of the whole pool is faster: when the last sample arrives, only its own work is left. The
     * pipeline calls it as soon as each sample completes, on that sample's thread (so concurrently for different
     * candidates), before it calls {@code score} with the same query and the pool; it may also be called for a
     * candidate that never reaches {@code score} (the request failed). A failure here is ignored, and
     * {@code score} must then do the work itself. The default does nothing.
     *
     * @param query the query that {@link #score} will get; never {@code null}
     * @param candidate a candidate of the pool {@code score} will get; never {@code null}
     * @since 0.3
     */
    default void prepare(Query query, Candidate candidate) {}
}

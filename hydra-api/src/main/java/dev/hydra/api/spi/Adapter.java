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
 * @since 0.1
 */
@ConsumerType
public interface Adapter extends Plugin {

    /**
     * Scores candidates.
     *
     * @param query the query; never {@code null}
     * @param candidates the candidates; never {@code null}
     * @return the candidates with their scores, in the order given
     */
    List<Scored<Candidate>> score(Query query, List<Candidate> candidates);
}

package dev.hydra.app.conformance;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import java.util.List;

/**
 * The simplest head that chooses among samples: it prefers the shortest answer that is not blank, so a decorator
 * with it draws N samples and picks one, as with a trained head, without a training run.
 */
final class ShortestAnswerHead implements Adapter {

    @Override
    public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
        return candidates.stream()
                .map(c -> new Scored<>(c, c.text().isBlank() ? -1_000_000.0 : -(double) c.text().length())).toList();
    }

    @Override
    public String name() {
        return "shortest-answer";
    }
}

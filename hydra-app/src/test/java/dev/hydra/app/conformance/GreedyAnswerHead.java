package dev.hydra.app.conformance;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A head that chooses among samples by preferring the pool's first answer, the greedy one (the pipeline puts it
 * first): a decorator with it draws N samples and picks one, and its answer is what the model alone answers.
 */
final class GreedyAnswerHead implements Adapter {

    @Override
    public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
        return IntStream.range(0, candidates.size())
                .mapToObj(i -> new Scored<>(candidates.get(i), -(double) i)).toList();
    }

    @Override
    public String name() {
        return "greedy-answer";
    }
}

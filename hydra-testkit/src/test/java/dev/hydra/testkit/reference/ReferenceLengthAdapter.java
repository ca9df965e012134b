package dev.hydra.testkit.reference;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import java.util.List;

/** Prefers candidates of about forty characters, a typical headline: the simplest adapter that scores. */
public final class ReferenceLengthAdapter implements Adapter {

    private static final double IDEAL = 40;

    @Override
    public String name() {
        return "length";
    }

    @Override
    public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
        return candidates.stream()
                .map(c -> new Scored<>(c, -Math.abs(c.text().length() - IDEAL) / IDEAL))
                .toList();
    }
}

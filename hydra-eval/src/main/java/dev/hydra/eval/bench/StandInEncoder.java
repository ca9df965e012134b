package dev.hydra.eval.bench;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import java.util.List;

/**
 * A fast stand-in for the real encoder, under the real encoder's id and dimension: hydra-api's
 * {@link FeatureHashingTextEncoder} vectors, so that a large index fills in minutes instead of hours. Latency of an
 * exact scan does not depend on what the vectors mean, so dense retrieval is timed over these vectors, with the
 * query encoded by the real encoder.
 */
final class StandInEncoder implements TextEncoder {

    private final String id;
    private final FeatureHashingTextEncoder vectors;

    StandInEncoder(TextEncoder real) {
        this.id = real.id();
        this.vectors = new FeatureHashingTextEncoder(real.dimension());
    }

    @Override
    public String name() {
        return "bench-stand-in";
    }

    @Override
    public float[][] encode(List<String> texts) {
        return vectors.encode(texts);
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    @Override
    public String id() {
        return id;
    }
}

package dev.hydra.spring.internal;

import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.training.TrainableScorer;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import java.nio.file.Path;

/** hydra-heads' scorers, in a class of its own so that DJL is loaded only when a model is. */
final class DjlScorers {

    private DjlScorers() {}

    static TrainableScorer.Factory inFolder(Path dir, TextEncoder encoder) {
        return new DjlScorerFactory(encoder, new FileHeadStore(dir));
    }
}

package dev.hydra.example.plugin;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.testkit.HeadCompatibilityKit;

/** The head against the head contract: gradient, seeded initialization, lengths, trainability. */
class BiasScaleHeadCompatibilityTest extends HeadCompatibilityKit {

    @Override
    protected HeadArchitecture architecture() {
        return new BiasScaleHead();
    }
}

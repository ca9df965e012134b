package dev.hydra.testkit.reference;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.testkit.HeadCompatibilityKit;

/** The reference logistic head passes the head kit. */
class ReferenceLogisticHeadCompatibilityTest extends HeadCompatibilityKit {

    @Override
    protected HeadArchitecture architecture() {
        return new ReferenceLogisticHead();
    }
}

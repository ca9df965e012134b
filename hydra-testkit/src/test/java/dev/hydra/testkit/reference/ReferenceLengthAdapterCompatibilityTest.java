package dev.hydra.testkit.reference;

import dev.hydra.api.spi.Adapter;
import dev.hydra.testkit.AdapterCompatibilityKit;

/** The adapter kit on the length adapter. */
class ReferenceLengthAdapterCompatibilityTest extends AdapterCompatibilityKit {

    @Override
    protected Adapter adapter() {
        return new ReferenceLengthAdapter();
    }
}

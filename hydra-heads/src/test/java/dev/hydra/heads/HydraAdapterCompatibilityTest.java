package dev.hydra.heads;

import dev.hydra.api.spi.Adapter;
import dev.hydra.testkit.AdapterCompatibilityKit;

/** {@link HydraAdapter} against the adapter contract. */
class HydraAdapterCompatibilityTest extends AdapterCompatibilityKit {

    @Override
    protected Adapter adapter() {
        return new HydraAdapter(KitScorers.adapter(), KitScorers.ENCODER);
    }
}

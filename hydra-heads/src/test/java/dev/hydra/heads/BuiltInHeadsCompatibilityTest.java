package dev.hydra.heads;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.testkit.HeadCompatibilityKit;
import org.junit.jupiter.api.Nested;

/** The two built-in head kinds pass the head kit, as a plugin's head must. */
class BuiltInHeadsCompatibilityTest {

    @Nested
    class Hydra extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return HeadArchitectures.get(ScorerConfig.HYDRA);
        }
    }

    @Nested
    class LowRank extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return HeadArchitectures.get(ScorerConfig.LOWRANK);
        }
    }
}

package dev.hydra.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.task.ChatTask;
import org.junit.jupiter.api.Test;

class HydraSelectionTest {

    private final Hydra.Builder zeroShot = Hydra.builder().backend(mock(LlmBackend.class)).task(new ChatTask())
            .config(HydraConfig.DEFAULTS.withRetrieval(10, 0));

    @Test
    void should_select_among_samples_with_an_adapter() {
        // when
        Hydra hydra = zeroShot.adapter(mock(Adapter.class)).build();

        // then
        assertTrue(hydra.selectsAmongSamples());
        assertTrue(hydra.toBuilder().build().selectsAmongSamples(), "a copy keeps its adapter");
    }

    @Test
    void should_not_select_among_samples_without_an_adapter() {
        // when
        Hydra hydra = zeroShot.build();

        // then
        assertFalse(hydra.selectsAmongSamples(), "with N = 8 and no adapter, 7 of 8 samples would be wasted");
    }
}

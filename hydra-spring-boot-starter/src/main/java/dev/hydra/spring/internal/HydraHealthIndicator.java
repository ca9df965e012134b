package dev.hydra.spring.internal;

import dev.hydra.api.spi.HistoryStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Up when the history store answers: its user count, never a user's id.
 */
public final class HydraHealthIndicator extends AbstractHealthIndicator {

    private final HistoryStore store;

    /** @param store the history store */
    public HydraHealthIndicator(HistoryStore store) {
        super("Hydra's history store is not readable");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("users", store.users().size());
    }
}

package dev.hydra.api.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RetrieverProvider} may build a {@link Retriever} from.
 *
 * @param store the history store to retrieve from; never {@code null}
 * @param encoder the frozen text encoder, when one is configured
 * @param options free-form settings of the retriever (e.g. {@code k1}); copied; never {@code null}
 * @since 0.1
 */
public record RetrieverContext(HistoryStore store, Optional<TextEncoder> encoder, Map<String, String> options) {

    /** Validates and copies the components. */
    public RetrieverContext {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(encoder, "encoder must not be null (use Optional.empty())");
        options = Map.copyOf(Objects.requireNonNull(options, "options must not be null"));
    }

    /**
     * A context with a store only.
     *
     * @param store the store
     * @return the context
     */
    public static RetrieverContext of(HistoryStore store) {
        return new RetrieverContext(store, Optional.empty(), Map.of());
    }
}

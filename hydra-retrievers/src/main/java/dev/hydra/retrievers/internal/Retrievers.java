package dev.hydra.retrievers.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.api.spi.VectorHistoryStore;
import java.util.Objects;

/** The checks every provider shares; their messages say what to configure. */
public final class Retrievers {

    private Retrievers() {}

    /**
     * Returns the context's store as the given kind.
     *
     * @param context the context
     * @param kind the store class the retriever needs
     * @param retriever the retriever's name, for the message
     * @param <S> the store kind
     * @return the store
     * @throws IllegalArgumentException when the store is of another kind
     */
    public static <S extends HistoryStore> S store(RetrieverContext context, Class<S> kind, String retriever) {
        Objects.requireNonNull(context, "context must not be null");
        HistoryStore store = context.store();
        if (!kind.isInstance(store)) {
            throw new IllegalArgumentException("retriever \"" + retriever + "\" searches a " + kind.getSimpleName()
                    + " (history store \"lucene\"" + (kind == VectorHistoryStore.class ? " or \"postgres\"" : "")
                    + "), but the context's store is \"" + store.name() + "\" ("
                    + store.getClass().getName() + "); configure the lucene history store, or use retriever "
                    + "\"bm25-okapi\" or \"recency\", which work over any store");
        }
        return kind.cast(store);
    }

    /**
     * Returns the context's encoder, which must be the one the store's vectors come from.
     *
     * @param context the context
     * @param storeEncoder the encoder of the store's vectors, or {@code null} when it keeps none
     * @param retriever the retriever's name, for the message
     * @return the encoder
     * @throws IllegalArgumentException when the context has no encoder, the store keeps no vectors, or their
     *     encoders differ
     */
    public static TextEncoder encoder(RetrieverContext context, TextEncoder storeEncoder, String retriever) {
        TextEncoder encoder = context.encoder().orElseThrow(() -> new IllegalArgumentException("retriever \""
                + retriever + "\" needs a text encoder in its RetrieverContext to encode queries; configure one "
                + "(e.g. the all-minilm-l6-v2-q encoder of hydra-langchain4j)"));
        if (storeEncoder == null) {
            throw new IllegalArgumentException("retriever \"" + retriever + "\" needs item vectors, but the "
                    + "history store keeps none; open the store with encoder " + encoder.id() + " and ingest again");
        }
        if (!storeEncoder.id().equals(encoder.id()) || storeEncoder.dimension() != encoder.dimension()) {
            throw new IllegalArgumentException("retriever \"" + retriever + "\" was given encoder " + encoder.id()
                    + " but the store's vectors come from encoder " + storeEncoder.id()
                    + "; use the same encoder for both");
        }
        return encoder;
    }

    /**
     * Reads a numeric option.
     *
     * @param context the context
     * @param key the option name
     * @param fallback the default
     * @return the value
     * @throws IllegalArgumentException when the option is not a finite number
     */
    public static double option(RetrieverContext context, String key, double fallback) {
        String value = context.options().get(key);
        if (value == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("retriever option " + key + " must be a number, was \"" + value + "\"");
    }

    /**
     * Reads a whole-number option of at least 1.
     *
     * @param context the context
     * @param key the option name
     * @param fallback the default
     * @return the value
     * @throws IllegalArgumentException when the option is not a whole number of at least 1
     */
    public static int positiveInt(RetrieverContext context, String key, int fallback) {
        String value = context.options().get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("retriever option " + key + " must be a whole number >= 1 (at most "
                + Integer.MAX_VALUE + "), was \"" + value + "\"");
    }
}

package dev.hydra.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes {@link Retriever}s of one kind over a given store: the plugin that discovery finds, since a
 * retriever itself is bound to the data it searches.
 *
 * <p>Implementations have a public no-argument constructor (for {@link java.util.ServiceLoader}) and are
 * stateless and thread-safe.
 *
 * @since 0.1
 */
@ConsumerType
public interface RetrieverProvider extends Plugin {

    /**
     * Creates a retriever over the context's store; its {@link Retriever#name()} is this provider's name.
     *
     * @param context the store, encoder and options; never {@code null}
     * @return the retriever
     * @throws IllegalArgumentException when the context lacks what this kind needs (e.g. an encoder, or a
     *     store of a particular kind); the message says what to configure
     */
    Retriever create(RetrieverContext context);
}

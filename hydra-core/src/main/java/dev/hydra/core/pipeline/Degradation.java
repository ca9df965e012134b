package dev.hydra.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * Something in one personalization that did not work as configured, and how the pipeline carried on: which stage,
 * which plugin, what kind of problem, and the exception when one was thrown. A degraded request is still answered.
 *
 * <p>{@link #toString()} is the one-line message, e.g. {@code reranker 'hydra' failed (java.lang.IllegalStateException:
 * ...); kept the retriever's order}.
 *
 * @param stage the stage it happened in
 * @param plugin the name of the plugin concerned: a retriever's, reranker's or adapter's {@code name()}, the
 *     backend's for samples, {@code "prompt"} for the prompt's budget
 * @param kind what happened
 * @param message the one-line message, saying what the pipeline did instead
 * @param cause the exception a plugin threw, or {@code null} when none was thrown
 * @since 0.2
 */
public record Degradation(Stage stage, String plugin, Kind kind, String message, Throwable cause) {

    /** What degraded. */
    public enum Kind {
        /** A plugin threw: the retriever (answered zero-shot), reranker (kept the retriever's order) or adapter
         * (answered with the first sample). */
        PLUGIN_FAILED,
        /** The retriever returned other users' items; they were dropped. */
        FOREIGN_ITEMS_DROPPED,
        /** Demonstrations were dropped, oldest first, to fit the prompt's word budget. */
        DEMONSTRATIONS_DROPPED,
        /** Some of the N samples failed; the adapter chose among the rest. */
        SAMPLES_FAILED
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException when the stage, the kind or the message is {@code null}
     * @throws IllegalArgumentException when the plugin or the message is blank
     */
    public Degradation {
        Objects.requireNonNull(stage, "stage must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        if (plugin == null || plugin.isBlank()) {
            throw new IllegalArgumentException("plugin must name the plugin concerned, was \"" + plugin + "\"");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message must say what degraded, was \"" + message + "\"");
        }
    }

    /**
     * The exception a plugin threw.
     *
     * @return the exception; empty when none was thrown
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(cause);
    }

    /**
     * The message.
     *
     * @return {@link #message()}
     */
    @Override
    public String toString() {
        return message;
    }
}

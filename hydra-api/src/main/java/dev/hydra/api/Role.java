package dev.hydra.api;

/**
 * Who speaks in a {@link ChatTurn}.
 *
 * @since 0.1
 */
public enum Role {
    /** Instructions for the model; HYDRA's own prompts use none. */
    SYSTEM,
    /** The user's message. */
    USER,
    /** The model's (or a demonstration's) answer. */
    ASSISTANT
}

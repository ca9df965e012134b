package dev.hydra.api;

/**
 * One message of a {@link Prompt}.
 *
 * @param role who speaks; never {@code null}
 * @param text what is said; never {@code null}, may be empty
 * @since 0.1
 */
public record ChatTurn(Role role, String text) {

    /** Validates the components. */
    public ChatTurn {
        Checks.notNull(role, "role");
        Checks.notNull(text, "text");
    }

    /**
     * A user turn.
     *
     * @param text the text
     * @return the turn
     */
    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text);
    }

    /**
     * An assistant turn.
     *
     * @param text the text
     * @return the turn
     */
    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text);
    }

    /**
     * A system turn.
     *
     * @param text the text
     * @return the turn
     */
    public static ChatTurn system(String text) {
        return new ChatTurn(Role.SYSTEM, text);
    }
}

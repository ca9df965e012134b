package dev.hydra.api;

import java.util.List;

/**
 * The messages sent to the black-box LLM: optional system turn, few-shot demonstrations as user/assistant
 * pairs, then the query as the last user turn.
 *
 * @param turns the messages in order; copied; never empty, and the last is a {@link Role#USER} turn
 * @since 0.1
 */
public record Prompt(List<ChatTurn> turns) {

    /**
     * Validates and copies the turns.
     *
     * @throws IllegalArgumentException when there are no turns or the last is not a user turn
     */
    public Prompt {
        Checks.notNull(turns, "turns");
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one turn");
        }
        if (turns.get(turns.size() - 1).role() != Role.USER) {
            throw new IllegalArgumentException(
                    "the last turn of a prompt must be a USER turn, was " + turns.get(turns.size() - 1).role());
        }
    }

    /**
     * A prompt of one user message.
     *
     * @param text the message
     * @return the prompt
     */
    public static Prompt ofUser(String text) {
        return new Prompt(List.of(ChatTurn.user(text)));
    }

    /**
     * The last user message: the query.
     *
     * @return the text of the last turn
     */
    public String lastUserText() {
        return turns.get(turns.size() - 1).text();
    }
}

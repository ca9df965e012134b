package dev.hydra.api;

/**
 * What a user asks now: the text to answer and the task that says how to prompt and parse.
 *
 * @param userId who asks; never {@code null}
 * @param text the query text, raw (the task's template is applied when prompting); never {@code null}, not blank
 * @param task the name of the {@link dev.hydra.api.spi.TaskSpec}; never {@code null}, not blank
 * @since 0.1
 */
public record Query(UserId userId, String text, String task) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when text or task is blank
     */
    public Query {
        Checks.notNull(userId, "userId");
        Checks.notBlank(text, "query text");
        Checks.notBlank(task, "task");
    }
}

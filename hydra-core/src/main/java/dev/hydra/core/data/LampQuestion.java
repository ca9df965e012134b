package dev.hydra.core.data;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One LaMP question: the asking user, the prompt, the gold answer when known, and the user's profile.
 *
 * @param id the question id
 * @param userId the user: the file's {@code user_id}, or the question id in LaMP's own files
 * @param input the question's prompt as in the file (the task template applied to the query text)
 * @param gold the gold output, when an outputs file was read
 * @param profile the user's past items, as history items, in file order
 * @param task the task
 * @since 0.1
 */
public record LampQuestion(String id, UserId userId, String input, Optional<String> gold, List<HistoryItem> profile,
        LampTask task) {

    /** Validates and copies the components. */
    public LampQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(gold, "gold");
        profile = List.copyOf(profile);
        Objects.requireNonNull(task, "task");
    }

    /**
     * The raw query text: the part of the prompt after the task's marker (see {@link LampTask#queryText}).
     *
     * @return the query text
     */
    public String queryText() {
        return task.queryText(input);
    }
}

package dev.hydra.core.data;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The questions of one LaMP-format split of one task.
 *
 * @param task the task
 * @param questions the questions, in file order
 * @since 0.1
 */
public record LampDataset(LampTask task, List<LampQuestion> questions) {

    /** Validates and copies the components. */
    public LampDataset {
        Objects.requireNonNull(task, "task");
        questions = List.copyOf(questions);
    }

    /**
     * Every profile item of every question: what to ingest into a history store.
     *
     * @return the items
     */
    public List<HistoryItem> items() {
        return questions.stream().flatMap(q -> q.profile().stream()).toList();
    }

    /**
     * The distinct users, sorted.
     *
     * @return the users
     */
    public List<UserId> users() {
        return List.copyOf(new TreeSet<>(questions.stream().map(LampQuestion::userId).toList()));
    }
}

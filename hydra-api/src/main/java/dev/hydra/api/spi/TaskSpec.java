package dev.hydra.api.spi;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HistoryItem;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A personalization task: how a query and a history item become prompt turns, what answers look like, and
 * how an answer is read.
 *
 * <p><b>Thread-safety:</b> implementations are immutable.
 *
 * @since 0.1
 */
@ConsumerType
public interface TaskSpec extends Plugin {

    /**
     * The kind of answer.
     *
     * @return classification, rating or generation
     */
    OutputKind outputKind();

    /**
     * The allowed answers of a classification or rating task.
     *
     * @return the labels in canonical form (lower case for classification); empty for generation
     */
    List<String> labels();

    /**
     * Applies the task's template to raw query text: the user message of the query.
     *
     * @param text the raw text (an article, a review ...)
     * @return the prompt text
     */
    String formatQuery(String text);

    /**
     * Turns a history item into a demonstration: by default a user turn with {@code formatQuery(input)} and
     * an assistant turn with the output, as HYDRA's few-shot prompts do.
     *
     * @param item the history item
     * @return the turns, in order
     */
    default List<ChatTurn> demonstration(HistoryItem item) {
        return List.of(ChatTurn.user(formatQuery(item.input())), ChatTurn.assistant(item.output()));
    }

    /**
     * Reads a raw model answer: the canonical label, the rating, or the trimmed text.
     *
     * @param answer the model's raw answer
     * @return the parsed answer, or empty when it cannot be read (an unparsable label or rating)
     */
    Optional<String> parse(String answer);

    /**
     * Whether an answer is right for a gold output (HYDRA's classification label rule; for generation,
     * whether the parsed texts are equal).
     *
     * @param answer the raw model answer
     * @param gold the gold output
     * @return true when the answer counts as correct
     */
    default boolean isCorrect(String answer, String gold) {
        Optional<String> a = parse(answer);
        Optional<String> g = parse(gold);
        return a.isPresent() && a.equals(g);
    }
}

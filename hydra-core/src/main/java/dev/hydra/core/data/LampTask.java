package dev.hydra.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The LaMP-format tasks that {@link LampReader} knows, with how a profile item becomes a history item: which
 * field is the input, which the output, and which fields make the retrieval text (hydra-method §1.2, after
 * LaMP's {@code rank_profiles.py}).
 *
 * @since 0.1
 */
public enum LampTask {

    /** HuffPost description to its category (LaMP-2N); retrieval over title and text. */
    NEWS_CATEGORY("news_category", "text", "category", List.of("title", "text"), "article:", "LaMP_2", "LaMP_2N"),
    /** TMDB overview to the user's tag (LaMP-2M). */
    MOVIE_TAGGING("movie_tagging", "description", "tag", List.of("description"), "description:", "LaMP_2_movie",
            "LaMP_2M"),
    /** Review text to its stars (LaMP-3). */
    PRODUCT_RATING("product_rating", "text", "score", List.of("text"), "review:", "LaMP_3"),
    /** HuffPost description to its headline (LaMP-4); retrieval over title and text. */
    NEWS_HEADLINE("news_headline", "text", "title", List.of("title", "text"), "article:", "LaMP_4"),
    /** Review text to the user's own review title (LaMP-5-like); retrieval over title and text, as LaMP-5. */
    REVIEW_TITLE("review_title", "text", "title", List.of("title", "text"), "review:"),
    /** Paper abstract to its title (LaMP-5); retrieval over title and abstract. */
    SCHOLARLY_TITLE("scholarly_title", "abstract", "title", List.of("title", "abstract"), "paper:", "LaMP_5");

    private final String taskName;
    private final String inputField;
    private final String outputField;
    private final List<String> retrievalFields;
    private final String queryMarker;
    private final List<String> aliases;

    LampTask(String taskName, String inputField, String outputField, List<String> retrievalFields,
            String queryMarker, String... aliases) {
        this.taskName = taskName;
        this.inputField = inputField;
        this.outputField = outputField;
        this.retrievalFields = retrievalFields;
        this.queryMarker = queryMarker;
        this.aliases = List.of(aliases);
    }

    /**
     * Finds a task by its name or LaMP alias (case-insensitive), e.g. {@code "news_category"} or {@code "LaMP_2"}.
     *
     * @param name the name
     * @return the task
     * @throws IllegalArgumentException when no task has that name; the message lists the known names
     */
    public static LampTask forName(String name) {
        for (LampTask t : values()) {
            if (t.taskName.equalsIgnoreCase(name) || t.aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown LaMP task \"" + name + "\"; known: " + Arrays.stream(values())
                .map(t -> t.taskName + (t.aliases.isEmpty() ? "" : " " + t.aliases))
                .collect(Collectors.joining(", ")));
    }

    /**
     * The task's name in the benchmark, e.g. {@code "news_category"}.
     *
     * @return the name
     */
    public String taskName() {
        return taskName;
    }

    /**
     * The profile field that becomes the history item's input.
     *
     * @return the field name
     */
    public String inputField() {
        return inputField;
    }

    /**
     * The profile field that becomes the history item's output.
     *
     * @return the field name
     */
    public String outputField() {
        return outputField;
    }

    /**
     * The profile fields whose values, joined by a space, are the item's retrieval text.
     *
     * @return the field names
     */
    public List<String> retrievalFields() {
        return retrievalFields;
    }

    /**
     * Extracts the raw query text from a question's prompt: the text after the task's marker (e.g.
     * {@code "article:"}), or the whole input when the marker is absent.
     *
     * @param input the question's {@code input}
     * @return the query text, trimmed
     */
    public String queryText(String input) {
        int at = input.toLowerCase(Locale.ROOT).indexOf(queryMarker);
        return (at < 0 ? input : input.substring(at + queryMarker.length())).trim();
    }

    @Override
    public String toString() {
        return taskName;
    }
}

package dev.hydra.core.task;

import dev.hydra.api.spi.TaskSpec;
import java.util.List;
import java.util.Optional;

/**
 * The tasks Hydra ships: the five tasks of the project's benchmark, LaMP-1 to LaMP-7 under LaMP's names, and
 * free-form chat. Templates are LaMP's (hydra-method.md §2).
 */
public final class BuiltInTasks {

    /** LaMP-2's 15 news categories, in LaMP's order. */
    public static final List<String> NEWS_CATEGORIES = List.of(
            "women", "religion", "politics", "style & beauty", "entertainment", "culture & arts", "sports",
            "science & technology", "travel", "business", "crime", "education", "healthy living", "parents",
            "food & drink");

    /** LaMP-2M's 15 movie tags, in LaMP's order. */
    public static final List<String> MOVIE_TAGS = List.of(
            "sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy", "classic",
            "psychology", "fantasy", "romance", "thought-provoking", "social commentary", "violence", "true story");

    static final String NEWS_PREFIX = "Which category does this article relate to among the following categories? "
            + "Just answer with the category name without further explanation. categories: "
            + bracketed(NEWS_CATEGORIES) + " article: ";
    static final String MOVIE_PREFIX = "Which tag does this movie relate to among the following tags? "
            + "Just answer with the tag name without further explanation. tags: " + bracketed(MOVIE_TAGS)
            + " description: ";
    static final String RATING_PREFIX = "What is the score of the following review on a scale of 1 to 5? "
            + "just answer with 1, 2, 3, 4, or 5 without further explanation. review: ";

    private static final List<TaskSpec> ALL = List.of(
            new ClassificationTask("news_category", NEWS_PREFIX, NEWS_CATEGORIES),
            new ClassificationTask("movie_tagging", MOVIE_PREFIX, MOVIE_TAGS),
            new RatingTask("product_rating", RATING_PREFIX),
            new GenerationTask("news_headline", "Generate a headline for the following article: "),
            new GenerationTask("review_title", "Generate a title for the following product review: "),
            new GenerationTask("scholarly_title", "Generate a title for the following abstract of a paper: "),
            new ClassificationTask("lamp_1", "For an author who has written the paper with the title ",
                    List.of("[1]", "[2]")),
            new ClassificationTask("lamp_2", NEWS_PREFIX, NEWS_CATEGORIES),
            new ClassificationTask("lamp_2_movie", MOVIE_PREFIX, MOVIE_TAGS),
            new RatingTask("lamp_3", RATING_PREFIX),
            new GenerationTask("lamp_4", "Generate a headline for the following article: "),
            new GenerationTask("lamp_5", "Generate a title for the following abstract of a paper: "),
            new GenerationTask("lamp_6", "Generate a subject for the following email: "),
            new GenerationTask("lamp_7", "Paraphrase the following tweet without any explanation before or after it: "),
            new ChatTask());

    private BuiltInTasks() {}

    /**
     * Every built-in task.
     *
     * @return the tasks, benchmark tasks first
     */
    public static List<TaskSpec> all() {
        return ALL;
    }

    /**
     * Finds a built-in task by name.
     *
     * @param name the task's name
     * @return the task, or empty
     */
    public static Optional<TaskSpec> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Strips a task's template from a text, when the task is a template task and the text carries it.
     *
     * @param task the task
     * @param text the text
     * @return the raw text
     */
    public static String rawText(TaskSpec task, String text) {
        return task instanceof TemplateTask t ? t.rawText(text) : text;
    }

    private static String bracketed(List<String> labels) {
        return "[" + String.join(", ", labels) + "]";
    }
}

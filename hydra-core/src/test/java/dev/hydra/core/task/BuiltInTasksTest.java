package dev.hydra.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInTasksTest {

    private static TaskSpec task(String name) {
        return BuiltInTasks.find(name).orElseThrow();
    }

    @Test
    void should_have_unique_valid_names() {
        List<String> names = BuiltInTasks.all().stream().map(TaskSpec::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size());
        names.forEach(dev.hydra.api.spi.Plugin::checkName);
        assertTrue(names.containsAll(List.of("news_category", "movie_tagging", "product_rating", "news_headline",
                "review_title", "lamp_1", "lamp_2", "lamp_2_movie", "lamp_3", "lamp_4", "lamp_5", "lamp_6", "lamp_7",
                "chat")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"news_category", "movie_tagging", "product_rating", "news_headline", "review_title"})
    void should_match_the_templates_of_the_sample_benchmark_inputs(String name) throws Exception {
        // given the project's own LaMP-format sample, whose inputs carry LaMP's templates as written there
        assertRecognizesTheTemplate(name, Path.of(BuiltInTasksTest.class
                .getResource("/dev/hydra/core/data/sample-bench/" + name + "/dev_questions.json").toURI()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"news_category", "movie_tagging", "product_rating", "news_headline", "review_title"})
    void should_match_the_templates_of_the_shared_benchmark_inputs(String name) throws Exception {
        // given the benchmark's own questions, which carry the template already
        Path questions = Path.of(System.getProperty("hydra.shared", "../../shared"), "bench", name,
                "dev_questions.json");
        Assumptions.assumeTrue(Files.exists(questions), "skipped: no " + questions.toAbsolutePath()
                + " (../shared/bench,"
                + " the LaMP-format benchmark beside the project, optional: this checks the templates on its real inputs)");
        assertRecognizesTheTemplate(name, questions);
    }

    private static void assertRecognizesTheTemplate(String name, Path questions) throws Exception {
        for (JsonNode question : new ObjectMapper().readTree(questions.toFile())) {
            String input = question.get("input").asText();
            TaskSpec task = task(name);
            // when / then: the template is recognized, not applied twice, and strips back to the raw text
            assertEquals(input, task.formatQuery(input));
            String raw = BuiltInTasks.rawText(task, input);
            assertTrue(raw.length() < input.length(), "template not recognized for " + name);
            assertEquals(input, task.formatQuery(raw));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "comedy|comedy", "Comedy.|comedy", "  DARK COMEDY, mostly|dark comedy", "The tag is: sci-fi!|sci-fi",
            "based on a book]|based on a book", "I think it is a twist ending movie|twist ending"})
    void should_parse_movie_tags_by_the_reference_rule_then_by_phrase(String answer, String label) {
        assertEquals(Optional.of(label), task("movie_tagging").parse(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no idea", "comedic", "actionable plot"})
    void should_not_parse_answers_without_a_label(String answer) {
        assertEquals(Optional.empty(), task("movie_tagging").parse(answer));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|5", "Rating: 4 stars|4", "03|3", "  1|1"})
    void should_parse_ratings_on_the_scale(String answer, String rating) {
        assertEquals(Optional.of(rating), task("product_rating").parse(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "five", "6", "0", "10 out of 10"})
    void should_not_parse_ratings_off_the_scale(String answer) {
        assertEquals(Optional.empty(), task("product_rating").parse(answer));
    }

    @Test
    void should_read_generated_titles_without_quotes_or_extra_lines() {
        TaskSpec t = task("review_title");
        assertEquals(Optional.of("Great strap"), t.parse("  \"Great strap\"\nThis review says..."));
        assertEquals(Optional.empty(), t.parse("   "));
    }

    @Test
    void should_judge_correctness_on_parsed_answers() {
        assertTrue(task("news_category").isCorrect("Politics.", "politics"));
        assertFalse(task("news_category").isCorrect("sports", "politics"));
        assertFalse(task("product_rating").isCorrect("none", "3"));
    }

    @Test
    void should_build_demonstrations_as_user_and_assistant_turns() {
        HistoryItem item = HistoryItem.of("i1", UserId.of("u"), "A great strap.", "Solid");
        List<ChatTurn> turns = task("review_title").demonstration(item);
        assertEquals(List.of(
                ChatTurn.user("Generate a title for the following product review: A great strap."),
                ChatTurn.assistant("Solid")), turns);
        assertEquals(List.of(ChatTurn.user("hi"), ChatTurn.assistant("there")),
                task("chat").demonstration(HistoryItem.of("c", UserId.of("u"), "hi", "there")));
    }
}

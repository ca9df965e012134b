package dev.hydra.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LampReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    @Test
    void should_read_the_benchmark_format_with_user_ids_golds_and_the_task_mapping() throws IOException {
        // given
        Path q = write("dev_questions.json", """
                [{'id': 'q1', 'user_id': 'u-1', 'input': 'Which category ... article: Sanctions loom.',
                  'profile': [{'id': 'p1', 'text': 'Body one.', 'title': 'Title One', 'category': 'politics',
                               'date': '2018-03-02'},
                              {'id': 'p2', 'text': 'Body two.', 'title': 'Title Two', 'category': 'sports'}]}]
                """);
        Path o = write("dev_outputs.json", "{'task': 'news_category', 'golds': [{'id': 'q1', 'output': 'politics'}]}");
        // when
        LampDataset data = LampReader.read(q, o, null);
        // then
        assertEquals(LampTask.NEWS_CATEGORY, data.task());
        LampQuestion question = data.questions().get(0);
        assertEquals(UserId.of("u-1"), question.userId());
        assertEquals(Optional.of("politics"), question.gold());
        assertEquals("Sanctions loom.", question.queryText());
        HistoryItem first = question.profile().get(0);
        assertEquals(new HistoryItem("p1", UserId.of("u-1"), "Body one.", "politics",
                Instant.parse("2018-03-02T00:00:00Z"),
                Map.of("title", "Title One", HistoryItem.RETRIEVAL_TEXT, "Title One Body one.")), first);
        assertEquals(Instant.EPOCH, question.profile().get(1).timestamp());
        assertEquals(List.of(UserId.of("u-1")), data.users());
    }

    @Test
    void should_make_each_question_its_own_user_in_lamp_files_without_user_id() throws IOException {
        // given LaMP-3 style: no user_id, no date, a numeric score
        Path q = write("q.json",
                """
                        [{'id': '310', 'input': 'What is the score ... review: Good.', 'profile': [{'id': '3100', 'text': 'Fine.', 'score': 4}]},
                         {'id': '311', 'input': 'review: Bad.', 'profile': [{'id': '3110', 'text': 'Meh.', 'score': '2'}]}]
                        """);
        // when
        LampDataset data = LampReader.read(q, null, LampTask.forName("LaMP_3"));
        // then
        assertEquals(List.of(UserId.of("310"), UserId.of("311")), data.users());
        assertEquals("4", data.questions().get(0).profile().get(0).output());
        assertEquals("Fine.", data.questions().get(0).profile().get(0).retrievalText());
        assertEquals(Optional.empty(), data.questions().get(0).gold());
        assertEquals(2, data.items().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'profile': [{'id': 'p1', 'title': 'T', 'category': 'c'}] | field \"text\" is missing | profile item 0",
            "'profile': [{'id': 'p1', 'text': 'x', 'title': 'T', 'category': 'c', 'date': 'March'}] | field \"date\" | p1",
            "'profile': {} | field \"profile\" must be an array | question 1",
            "'profile': [{'text': 'x', 'title': 'T', 'category': 'c'}] | field \"id\" is missing | profile item 0",
    })
    void should_name_the_file_the_record_and_the_field_of_bad_input(String profile, String reason, String record)
            throws IOException {
        // given a good question, then a bad one
        Path q = write("bad_questions.json", "[{'id': 'ok', 'input': 'article: a', 'profile': []},\n"
                + " {'id': 'q2', 'user_id': 'u2', 'input': 'article: b', " + profile + "}]");
        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> LampReader.read(q, null, LampTask.NEWS_CATEGORY));
        // then
        assertTrue(e.getMessage().contains(q.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("q2") && e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(record), e.getMessage());
    }

    @Test
    void should_report_malformed_json_with_its_line() throws IOException {
        // given
        Path q = write("m_questions.json", "[{'id': 'q1', 'input': 'x',\n 'profile': [}]");
        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> LampReader.read(q, null, LampTask.NEWS_HEADLINE));
        // then
        assertTrue(e.getMessage().contains("malformed JSON at line 2"), e.getMessage());
    }

    @Test
    void should_refuse_an_unknown_task_with_the_known_names() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LampTask.forName("LaMP_9"));
        assertTrue(e.getMessage().contains("news_headline") && e.getMessage().contains("LaMP_4"), e.getMessage());
    }

    /** A folder of the project's own test data, written for it in the LaMP format (see the folder's files). */
    static Path testData(String name) {
        try {
            return Path.of(LampReaderTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"movie_tagging", "news_category", "news_headline", "product_rating", "review_title"})
    void should_read_every_dev_split_of_the_sample_benchmark(String task) {
        // when
        LampDataset data = LampReader.readSplit(testData("sample-bench/" + task), "dev");
        // then
        assertEquals(LampTask.forName(task), data.task());
        assertEquals(List.of(UserId.of(task + "-user-0"), UserId.of(task + "-user-1")), data.users());
        assertTrue(data.questions().stream().allMatch(q -> q.gold().isPresent() && q.profile().size() == 4));
        assertTrue(data.questions().stream().allMatch(q -> !q.queryText().equals(q.input())), "marker found");
        List<HistoryItem> second = data.questions().get(1).profile();
        assertEquals(Instant.EPOCH, second.get(2).timestamp(), "an item without a date");
        assertEquals(Instant.parse("2021-01-11T00:00:00Z"), second.get(0).timestamp());
        assertTrue(data.items().stream().allMatch(i -> !i.output().isBlank() && !i.input().isBlank()));
    }

    @Test
    void should_read_a_lamp_folder_without_user_ids_each_question_its_own_user() {
        // when
        LampDataset data = LampReader.readSplit(testData("lamp-3-without-user-id"), "dev");
        // then
        assertEquals(LampTask.PRODUCT_RATING, data.task());
        assertEquals(List.of(UserId.of("3100"), UserId.of("3101")), data.users());
        assertEquals(List.of("4", "1"), data.questions().get(0).profile().stream().map(HistoryItem::output).toList());
        assertEquals(Optional.of("2"), data.questions().get(1).gold());
        assertEquals(Instant.EPOCH, data.questions().get(1).profile().get(0).timestamp());
    }

    @Test
    void should_name_the_bad_record_of_a_split_folder() {
        // given
        Path dir = testData("bad-records");
        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> LampReader.readSplit(dir, "dev"));
        // then
        assertTrue(e.getMessage().contains("dev_questions.json") && e.getMessage().contains("bad-2"), e.getMessage());
        assertTrue(e.getMessage().contains("field \"text\" is missing") && e.getMessage().contains("p3"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"movie_tagging, 20", "news_category, 23", "news_headline, 28", "product_rating, 100",
            "review_title, 100"})
    void should_read_every_dev_split_of_the_shared_benchmark(String task, int users) {
        // given the shared benchmark, when present
        Path dir = Path.of(System.getProperty("hydra.shared", "../../shared"), "bench", task);
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: no " + dir.toAbsolutePath() + " (../shared/bench,"
                + " the LaMP-format benchmark beside the project, optional: this reads its real dev splits)");
        // when
        LampDataset data = LampReader.readSplit(dir, "dev");
        // then
        assertEquals(LampTask.forName(task), data.task());
        assertEquals(users, data.users().size());
        assertTrue(data.questions().stream().allMatch(q -> q.gold().isPresent() && q.profile().size() >= 4));
        assertTrue(data.questions().stream().allMatch(q -> !q.queryText().equals(q.input())), "marker found");
    }
}

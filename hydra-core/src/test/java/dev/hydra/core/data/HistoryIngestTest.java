package dev.hydra.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryIngestTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace('\'', '"'));
        return file;
    }

    @Test
    void should_read_json_lines_with_optional_timestamp_and_attributes() throws IOException {
        // given
        Path file = write("h.jsonl",
                """
                        {'user_id': 'ann', 'id': 'a1', 'input': 'in', 'output': 'out', 'timestamp': '2024-01-02T03:04:05Z', 'attributes': {'title': 'T'}}

                        {'user_id': 'ann', 'id': 'a2', 'input': 'in2', 'output': 'out2', 'timestamp': '2024-01-03'}
                        {'user_id': 'bob', 'id': 'b1', 'input': '', 'output': ''}
                        """);
        // when
        List<HistoryItem> items = JsonlHistoryReader.read(file);
        // then
        assertEquals(List.of(
                new HistoryItem("a1", UserId.of("ann"), "in", "out", Instant.parse("2024-01-02T03:04:05Z"),
                        Map.of("title", "T")),
                new HistoryItem("a2", UserId.of("ann"), "in2", "out2", Instant.parse("2024-01-03T00:00:00Z"), Map.of()),
                new HistoryItem("b1", UserId.of("bob"), "", "", Instant.EPOCH, Map.of())), items);
    }

    @Test
    void should_name_the_line_the_id_and_the_field_of_a_bad_json_line() throws IOException {
        // given
        Path file = write("bad.jsonl", """
                {'user_id': 'ann', 'id': 'a1', 'input': 'in', 'output': 'out'}
                {'user_id': 'ann', 'id': 'a2', 'input': 'in', 'outptu': 'out'}
                """);
        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> JsonlHistoryReader.read(file));
        // then
        assertTrue(e.getMessage().startsWith(file + ":2 (id \"a2\")"), e.getMessage());
        assertTrue(e.getMessage().contains("\"outptu\" is unknown"), e.getMessage());
    }

    @Test
    void should_reject_an_invalid_user_id_naming_the_field() throws IOException {
        Path file = write("u.jsonl", "{'user_id': '  ', 'id': 'a', 'input': '', 'output': ''}\n");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> JsonlHistoryReader.read(file));
        assertTrue(e.getMessage().contains(":1") && e.getMessage().contains("\"user_id\""), e.getMessage());
    }

    @Test
    void should_ingest_the_ids_applications_have() throws IOException {
        // given
        Path file = write("apps.jsonl",
                "{'user_id': 'Jos\u00e9 Smith/42', 'id': 'a', 'input': 'in', 'output': 'out'}\n");
        try (InMemoryHistoryStore store = new InMemoryHistoryStore()) {
            // when
            HistoryIngest.ingest(store, file);
            // then
            assertEquals(List.of(UserId.of("Jos\u00e9 Smith/42")), store.users());
        }
    }

    @Test
    void should_ingest_idempotently() throws IOException {
        // given
        Path file = write("h.jsonl", """
                {'user_id': 'ann', 'id': 'a1', 'input': 'in', 'output': 'out'}
                {'user_id': 'bob', 'id': 'b1', 'input': 'in', 'output': 'out'}
                """);
        try (InMemoryHistoryStore store = new InMemoryHistoryStore()) {
            // when
            HistoryIngest.ingest(store, file);
            int again = HistoryIngest.ingest(store, file);
            // then
            assertEquals(2, again);
            assertEquals(1, store.count(UserId.of("ann")));
            assertEquals(List.of(UserId.of("ann"), UserId.of("bob")), store.users());
        }
    }

    @Test
    void should_leave_the_store_as_it_was_when_a_later_record_is_bad() throws IOException {
        // given a LaMP split whose second question is broken
        Files.createDirectories(dir.resolve("news_headline"));
        Path file = write("news_headline/dev_questions.json",
                """
                        [{'id': 'q1', 'user_id': 'u1', 'input': 'article: x', 'profile': [{'id': 'p1', 'text': 't', 'title': 'h'}]},
                         {'id': 'q2', 'user_id': 'u2', 'input': 'article: y', 'profile': [{'id': 'p2', 'text': 't'}]}]
                        """);
        try (InMemoryHistoryStore store = new InMemoryHistoryStore()) {
            // when
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> HistoryIngest.ingest(store, file));
            // then
            assertTrue(e.getMessage().contains("\"title\" is missing"), e.getMessage());
            assertEquals(List.of(), store.users());
        }
    }

    @Test
    void should_refuse_a_file_of_unknown_kind() {
        try (InMemoryHistoryStore store = new InMemoryHistoryStore()) {
            assertThrows(IllegalArgumentException.class, () -> HistoryIngest.ingest(store, dir.resolve("x.csv")));
        }
    }
}

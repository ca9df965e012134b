package dev.hydra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HydraException;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.core.llm.CacheKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The black box's answers in PostgreSQL: shared, checked, purged by content. */
class PostgresResponseCacheTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private PostgresDatabase db;
    private PostgresResponseCache cache;

    @BeforeEach
    void open(TestInfo test) {
        db = PostgresDatabase.open(POSTGRES.jdbcUrl(),
                Schemas.of(Path.of("responses", test.getTestMethod().orElseThrow().getName())), 4);
        cache = PostgresResponseCache.open(db);
    }

    @AfterEach
    void close() {
        cache.close();
        db.close();
    }

    private static CacheKey key(String prompt, int sample) {
        return CacheKey.of("fake", "model-1", Prompt.ofUser(prompt), new Sampling(4, 0.7, 16, 42), sample);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Test
    void should_share_answers_between_instances_and_count_hits_and_misses() {
        // given
        PostgresResponseCache other = PostgresResponseCache.open(db);
        // when
        cache.put(key("tag this movie", 0), "comedy");
        cache.put(key("tag this movie", 0), "drama"); // replaces
        // then
        assertEquals(Optional.of("drama"), other.get(key("tag this movie", 0)));
        assertEquals(Optional.empty(), other.get(key("tag this movie", 1)));
        assertEquals(1, other.hits());
        assertEquals(1, other.misses());
        assertTrue(other.delete(key("tag this movie", 0)));
        assertFalse(other.delete(key("tag this movie", 0)));
        assertEquals(Optional.empty(), cache.get(key("tag this movie", 0)));
    }

    @Test
    void should_keep_a_prompt_and_an_answer_that_hold_a_nul_character_and_any_unicode() {
        // given
        CacheKey key = key("a\u0000b \u00e9\u4e2d\ud83d\ude00", 2);
        // when
        cache.put(key, "x\u0000y \ud83d\ude00");
        // then
        assertEquals(Optional.of("x\u0000y \ud83d\ude00"), cache.get(key));
    }

    @Test
    void should_delete_a_damaged_row_and_report_a_miss_instead_of_serving_it() throws SQLException {
        // given
        cache.put(key("tag this movie", 0), "comedy");
        cache.put(key("tag this movie", 1), "drama");
        sql("UPDATE hydra_llm_response SET answer = convert_to('horror', 'UTF8') WHERE answer = convert_to('comedy',"
                + " 'UTF8')");
        // when
        Optional<String> damaged = cache.get(key("tag this movie", 0));
        // then
        assertEquals(Optional.empty(), damaged);
        assertEquals(1, cache.corruptEntries());
        assertEquals(Optional.of("drama"), cache.get(key("tag this movie", 1)));
        assertFalse(cache.delete(key("tag this movie", 0)), "the damaged row was deleted");
    }

    @Test
    void should_refuse_a_row_moved_under_another_key() throws SQLException {
        // given: a row whose checksum is right but which holds another key's text
        cache.put(key("first prompt", 0), "comedy");
        sql("UPDATE hydra_llm_response SET key_sha256 = '" + key("second prompt", 0).sha256() + "'");
        // when
        Optional<String> moved = cache.get(key("second prompt", 0));
        // then
        assertEquals(Optional.empty(), moved);
        assertEquals(1, cache.corruptEntries());
    }

    @Test
    void should_purge_the_rows_that_hold_a_text_and_the_damaged_ones_and_keep_the_others() throws SQLException {
        // given
        cache.put(key("alice watched The Long Goodbye", 0), "noir");
        cache.put(key("what fits?", 0), "alice liked The Long Goodbye");
        cache.put(key("bob watched Heat", 0), "crime");
        cache.put(key("bob watched Alien", 0), "horror");
        sql("UPDATE hydra_llm_response SET checksum = checksum + 1 WHERE answer = convert_to('horror', 'UTF8')");
        // when
        int purged = cache.purge(text -> text.contains("The Long Goodbye"));
        // then
        assertEquals(3, purged, "two rows that hold the text, one damaged");
        assertEquals(Optional.of("crime"), cache.get(key("bob watched Heat", 0)));
        assertEquals(Optional.empty(), cache.get(key("alice watched The Long Goodbye", 0)));
        assertEquals(Optional.empty(), cache.get(key("what fits?", 0)));
        assertEquals(0, cache.purge(text -> text.contains("The Long Goodbye")));
    }

    @Test
    void should_name_the_database_when_it_is_gone() {
        // given
        PostgresDatabase gone = PostgresDatabase.open(POSTGRES.jdbcUrl(), "responses_gone", 2);
        PostgresResponseCache closed = PostgresResponseCache.open(gone);
        gone.close();
        // when
        HydraException e = assertThrows(HydraException.class, () -> closed.get(key("tag this movie", 0)));
        // then
        assertTrue(e.getMessage().contains("schema responses_gone"), e.getMessage());
    }
}

package dev.hydra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "u-1", "a.b@c:d_e", "0", "x", "José", "alice smith", "user/42", "../x", ".",
            "..", "semi;colon", "a\\b", "名前", "emoji \uD83D\uDE00", " padded "})
    void should_accept_the_ids_applications_have_as_they_are(String id) {
        // when
        UserId user = UserId.of(id);

        // then
        assertEquals(id, user.value());
    }

    @Test
    void should_make_one_user_of_the_composed_and_decomposed_forms() {
        // given
        String composed = "Jos\u00e9";
        String decomposed = "Jose\u0301";

        // when
        UserId a = UserId.of(composed);
        UserId b = UserId.of(decomposed);

        // then
        assertEquals(a, b);
        assertEquals(composed, b.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "x\n", "a\u0000b", "\u007f", "bad\uD800", "\uDC00bad"})
    void should_reject_ids_with_a_message_that_quotes_the_id_and_the_rule(String id) {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserId.of(id));

        // then
        assertTrue(e.getMessage().contains(UserId.RULE), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid user id \""), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "the message must not break a log line: " + e.getMessage());
    }

    @Test
    void should_bound_the_length_in_characters_not_utf16_units() {
        // given
        String longest = "\uD83D\uDE00".repeat(UserId.MAX_LENGTH);
        String tooLong = "a".repeat(UserId.MAX_LENGTH + 1);

        // when
        UserId accepted = UserId.of(longest);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserId.of(tooLong));

        // then
        assertEquals(longest, accepted.value());
        assertTrue(e.getMessage().contains((UserId.MAX_LENGTH + 1) + " characters"), e.getMessage());
    }

    @Test
    void should_keep_case_and_spaces_apart() {
        assertNotEquals(UserId.of("Alice"), UserId.of("alice"));
        assertNotEquals(UserId.of("alice "), UserId.of("alice"));
    }

    @Test
    void should_reject_null() {
        assertThrows(NullPointerException.class, () -> UserId.of(null));
    }
}

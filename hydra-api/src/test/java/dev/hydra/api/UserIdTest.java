package dev.hydra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "u-1", "a.b@c:d_e", "0", "x"})
    void should_accept_ids_that_follow_the_rule(String id) {
        assertEquals(id, UserId.of(id).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "../x", "a/b", "é", "x\n", ".", "..", "semi;colon"})
    void should_reject_ids_with_a_message_that_quotes_the_rule(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserId.of(id));
        assertTrue(e.getMessage().contains(UserId.RULE), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid user id \""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void should_bound_the_length_at_128(int length) {
        String id = "a".repeat(length);
        if (length <= 128) {
            assertEquals(id, UserId.of(id).value());
        } else {
            assertThrows(IllegalArgumentException.class, () -> UserId.of(id));
        }
    }

    @org.junit.jupiter.api.Test
    void should_reject_null() {
        assertThrows(NullPointerException.class, () -> UserId.of(null));
    }
}

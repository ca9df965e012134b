package dev.hydra.core.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingTextEncoderTest {

    private final FeatureHashingTextEncoder plain = new FeatureHashingTextEncoder(32);

    @Test
    void should_encode_each_text_once_while_it_stays_cached() {
        CachingTextEncoder cached = new CachingTextEncoder(plain, 2);
        float[][] first = cached.encode(List.of("a b", "c d", "a b"));
        assertEquals(2, cached.misses(), "a text repeated in one batch is encoded once");
        float[][] again = cached.encode(List.of("c d"));
        assertEquals(1, cached.hits());
        assertArrayEquals(plain.encode(List.of("c d"))[0], again[0]);
        assertArrayEquals(first[0], first[2]);
        assertEquals(2, cached.misses());
    }

    @Test
    void should_drop_the_least_recently_used_text_past_its_capacity() {
        CachingTextEncoder cached = new CachingTextEncoder(plain, 2);
        cached.encode(List.of("one"));
        cached.encode(List.of("two"));
        cached.encode(List.of("one")); // one is now the most recent
        cached.encode(List.of("three")); // drops two
        long misses = cached.misses();
        cached.encode(List.of("one"));
        assertEquals(misses, cached.misses());
        cached.encode(List.of("two"));
        assertEquals(misses + 1, cached.misses());
    }

    @Test
    void should_hand_out_copies_that_cannot_change_the_cache() {
        CachingTextEncoder cached = new CachingTextEncoder(plain, 4);
        float[] v = cached.encode(List.of("x y"))[0];
        v[0] = 42f;
        assertArrayEquals(plain.encode(List.of("x y"))[0], cached.encode(List.of("x y"))[0]);
        assertThrows(IllegalArgumentException.class, () -> new CachingTextEncoder(plain, 0));
    }
}

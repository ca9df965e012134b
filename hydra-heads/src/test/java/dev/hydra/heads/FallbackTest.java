package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users whose head is missing, damaged or of another shape are scored by the default head. */
class FallbackTest {

    private static final UserId USER = UserId.of("u0");

    @TempDir
    Path dir;

    private FileHeadStore store;
    private PersonalizedScorer scorer;
    private final float[] query = unit(0);
    private final float[][] items = {unit(1), unit(2), unit(3)};
    private final float[][] extras = {{1, 1}, {0.5f, 0.5f}, {0.2f, 0.33f}};

    @BeforeEach
    void setUp() {
        store = new FileHeadStore(dir);
        scorer = PersonalizedScorer.create(Fixtures.config(ScorerConfig.LOWRANK), store, HeadStore.RERANKER, 5);
        int size = scorer.config().headParameterCount();
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) Math.sin(i);
        }
        store.save(USER, HeadStore.RERANKER, new HeadParameters(scorer.config().headLabel(), values));
    }

    @Test
    void should_use_the_users_own_head_when_it_is_readable() {
        // then
        assertTrue(scorer.hasHead(USER));
        assertFalse(Arrays.equals(scorer.scoreShared(query, items, extras), scorer.score(USER, query, items, extras)));
    }

    @Test
    void should_score_with_the_default_head_when_the_head_file_is_truncated() throws IOException {
        // given
        Path file = store.path(USER, HeadStore.RERANKER);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> store.load(USER, HeadStore.RERANKER));
        double[] scores = scorer.score(USER, query, items, extras);

        // then
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertArrayEquals(scorer.scoreShared(query, items, extras), scores);
        assertFalse(scorer.hasHead(USER));
    }

    @Test
    void should_use_a_head_fitted_on_this_base_and_never_one_fitted_on_another_base() {
        // given: the same values, saved once as fitted on this base and once as fitted on another (seed 6)
        float[] values = store.load(USER, HeadStore.RERANKER).orElseThrow().values();
        PersonalizedScorer other = PersonalizedScorer.create(Fixtures.config(ScorerConfig.LOWRANK), store,
                HeadStore.RERANKER, 6);
        UserId mine = UserId.of("u1");
        UserId stale = UserId.of("u2");
        store.save(mine, HeadStore.RERANKER, new HeadParameters(scorer.headKind(), values));
        store.save(stale, HeadStore.RERANKER, new HeadParameters(other.headKind(), values));

        // when / then
        assertTrue(scorer.headKind().startsWith(scorer.config().headLabel() + PersonalizedScorer.BASE_MARK),
                scorer.headKind());
        assertFalse(scorer.headKind().equals(other.headKind()), "another base has another fingerprint");
        assertTrue(scorer.hasHead(mine));
        assertArrayEquals(scorer.score(USER, query, items, extras), scorer.score(mine, query, items, extras));
        assertFalse(scorer.hasHead(stale), "a head of another base is never used as it is");
        assertArrayEquals(scorer.scoreShared(query, items, extras), scorer.score(stale, query, items, extras));
    }

    @Test
    void should_score_with_the_default_head_when_the_head_has_another_shape() {
        // given
        store.save(USER, HeadStore.RERANKER, new HeadParameters("hydra:h=24", new float[24 * 24 + 24 + 48 + 2]));

        // when
        double[] scores = scorer.score(USER, query, items, extras);

        // then
        assertArrayEquals(scorer.scoreShared(query, items, extras), scores);
    }

    @Test
    void should_score_a_user_without_a_head_with_the_default_head() {
        // when
        double[] scores = scorer.score(UserId.of("stranger"), query, items, extras);

        // then
        assertArrayEquals(scorer.scoreShared(query, items, extras), scores);
    }

    private static float[] unit(int seed) {
        float[] v = new float[Fixtures.DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.cos(seed * 7 + i);
        }
        return v;
    }
}

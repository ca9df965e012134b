package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hydra.api.Candidate;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.InMemoryHeadStore;
import dev.hydra.testkit.TestCorpora;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Candidates scored as their samples complete ({@link HydraAdapter#prepare}): the pool's score takes those scores,
 * which are the numbers it would compute itself, and computes again any whose user's head changed meanwhile.
 */
class HydraAdapterPreparedScoresTest {

    private final InMemoryHeadStore heads = new InMemoryHeadStore();
    private final PersonalizedScorer scorer = trained();
    private final List<Candidate> pool = List.of(new Candidate("sunny and warm", 0), new Candidate("rain all day", 1),
            new Candidate("snow in the hills", 2), new Candidate("sunny and warm", 3));
    private final Query query = new Query(TestCorpora.ALICE, "what weather tomorrow", "kit");

    private PersonalizedScorer trained() {
        ScorerConfig config = new ScorerConfig(KitScorers.ENCODER.dimension(), 0, List.of(16, 8), ScorerConfig.LOWRANK,
                4);
        PersonalizedScorer s = PersonalizedScorer.create(config, heads, HeadStore.ADAPTER, 7);
        List<SyntheticPreferences.UserData> users = SyntheticPreferences.of(KitScorers.ENCODER.dimension(), 0, 7)
                .users(3, "kit", 4, 0, 6);
        s.train(Fixtures.train(users), TrainingOptions.training(7).withEpochs(3));
        heads.save(TestCorpora.ALICE, HeadStore.ADAPTER, heads.load(users.get(0).user(), HeadStore.ADAPTER)
                .orElseThrow());
        return s;
    }

    @Test
    void should_score_prepared_candidates_as_the_pool_would_without_encoding_them_again() {
        // given: one adapter that prepared every candidate, one that did not
        RecordingEncoder encoder = new RecordingEncoder(KitScorers.ENCODER);
        HydraAdapter prepared = new HydraAdapter(scorer, encoder);
        pool.forEach(c -> prepared.prepare(query, c));
        int callsBefore = encoder.calls;

        // when
        List<Scored<Candidate>> fromPrepared = prepared.score(query, pool);
        List<Scored<Candidate>> computed = new HydraAdapter(scorer, KitScorers.ENCODER).score(query, pool);

        // then: the same numbers, bit for bit; no encoding for the pool; nothing kept afterwards
        assertEquals(computed, fromPrepared);
        assertEquals(callsBefore, encoder.calls, "the pool's score encoded nothing");
        assertEquals(0, prepared.preparedCount());
    }

    @Test
    void should_compute_again_the_scores_prepared_before_the_users_head_changed() {
        // given: candidates prepared with alice's head, then her head is refitted
        RecordingEncoder encoder = new RecordingEncoder(KitScorers.ENCODER);
        HydraAdapter adapter = new HydraAdapter(scorer, encoder);
        List<Scored<Candidate>> before = new HydraAdapter(scorer, KitScorers.ENCODER).score(query, pool);
        pool.forEach(c -> adapter.prepare(query, c));
        HeadParameters old = heads.load(TestCorpora.ALICE, HeadStore.ADAPTER).orElseThrow();
        float[] changed = old.values();
        for (int i = 0; i < changed.length; i++) {
            changed[i] += 0.5f;
        }
        heads.save(TestCorpora.ALICE, HeadStore.ADAPTER, new HeadParameters(old.kind(), changed));
        int callsBefore = encoder.calls;

        // when
        List<Scored<Candidate>> after = adapter.score(query, pool);

        // then: the new head's scores, computed again, not the prepared ones
        assertEquals(new HydraAdapter(scorer, KitScorers.ENCODER).score(query, pool), after);
        assertNotEquals(before, after, "the refitted head scores differently");
        assertEquals(callsBefore + 1, encoder.calls, "the pool was encoded again, once");
    }

    @Test
    void should_not_take_the_scores_prepared_for_another_query() {
        // given
        HydraAdapter adapter = new HydraAdapter(scorer, KitScorers.ENCODER);
        Query other = new Query(TestCorpora.ALICE, "what to cook tonight", "kit");
        pool.forEach(c -> adapter.prepare(other, c));

        // when
        List<Scored<Candidate>> scored = adapter.score(query, pool);

        // then
        assertEquals(new HydraAdapter(scorer, KitScorers.ENCODER).score(query, pool), scored);
        assertEquals(pool.size() - 1, adapter.preparedCount(), "the other query's (3 distinct texts) are kept");
    }
}

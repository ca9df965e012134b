package dev.hydra.core.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The anchored adapter: agreement first, the user's history and the learned correction at their weights. */
class AnchoredAdapterTest {

    private static final UserId ANN = UserId.of("ann");
    private static final TaskSpec TAGS = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final Query QUERY = new Query(ANN, "a film", "movie_tagging");

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private Adapter learned;

    @BeforeEach
    void setUp() {
        // ann tags almost everything "romance"
        for (int i = 0; i < 9; i++) {
            store.add(HistoryItem.of("h" + i, ANN, "film " + i, i < 8 ? "romance" : "comedy"));
        }
        learned = mock(Adapter.class);
        when(learned.name()).thenReturn("learned");
        // the learned adapter likes "classic"
        when(learned.score(any(), any())).thenAnswer(inv -> {
            List<Candidate> cs = inv.getArgument(1);
            List<Scored<Candidate>> out = new ArrayList<>();
            cs.forEach(c -> out.add(new Scored<>(c, c.text().equals("classic") ? 0.9 : 0.1)));
            return out;
        });
    }

    private static List<Candidate> candidates(String... texts) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new Candidate(texts[i], i));
        }
        return out;
    }

    private static String best(List<Scored<Candidate>> scored) {
        return scored.stream().max(java.util.Comparator.comparingDouble(Scored::score)).orElseThrow().value().text();
    }

    @Test
    void should_pick_by_agreement_alone_at_weights_zero() {
        List<Scored<Candidate>> s = new AnchoredAdapter(TAGS, learned, store, AnchorWeights.NONE)
                .score(QUERY, candidates("comedy", "classic", "comedy", "romance"));
        assertEquals("comedy", best(s));
        assertEquals(4, s.size());
        verifyNoInteractions(learned);
    }

    @Test
    void should_let_the_users_history_lift_their_usual_label() {
        List<Scored<Candidate>> s = new AnchoredAdapter(TAGS, learned, store, new AnchorWeights(0, 1, 0, 1))
                .score(QUERY, candidates("comedy", "classic", "comedy", "romance"));
        assertEquals("romance", best(s)); // 1/4 + 8/9 beats 2/4 + 1/9
    }

    @Test
    void should_count_only_the_newest_window_of_the_history() {
        // given: bob tagged "romance" long ago, "comedy" lately
        UserId bob = UserId.of("bob");
        InMemoryHistoryStore history = org.mockito.Mockito.spy(new InMemoryHistoryStore());
        for (int i = 0; i < 12; i++) {
            history.add(new HistoryItem("b" + i, bob, "film " + i, i < 9 ? "romance" : "comedy",
                    java.time.Instant.ofEpochSecond(1_000 + i), Map.of()));
        }
        Query query = new Query(bob, "a film", "movie_tagging");
        AnchorWeights historyOnly = new AnchorWeights(0, 1, 0, 1);
        // when
        String windowed = best(new AnchoredAdapter(TAGS, null, history, historyOnly, 3).score(query,
                candidates("romance", "comedy")));
        String whole = best(new AnchoredAdapter(TAGS, null, history, historyOnly).score(query,
                candidates("romance", "comedy")));
        // then
        assertEquals("comedy", windowed, "the 3 newest items are comedies");
        assertEquals("romance", whole, "the default window holds all 12 items");
        org.mockito.Mockito.verify(history).newest(bob, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnchoredAdapter(TAGS, null, history, historyOnly, 0));
        assertTrue(e.getMessage().contains("historyWindow must be >= 1, was 0"), e.getMessage());
    }

    @Test
    void should_let_the_learned_correction_decide_at_a_high_weight() {
        List<Scored<Candidate>> s = new AnchoredAdapter(TAGS, learned, store, new AnchorWeights(0, 1, 5, 0))
                .score(QUERY, candidates("comedy", "classic", "comedy", "romance"));
        assertEquals("classic", best(s));
    }

    @Test
    void should_score_an_unreadable_answer_below_every_readable_one() {
        doAnswer(inv -> {
            List<Candidate> cs = inv.getArgument(1);
            return cs.stream().map(c -> new Scored<>(c, c.text().startsWith("I think") ? 1.0 : 0.0)).toList();
        }).when(learned).score(any(), any());
        List<Scored<Candidate>> s = new AnchoredAdapter(TAGS, learned, store, new AnchorWeights(0, 1, 5, 2))
                .score(QUERY, candidates("I think it is hard to say", "comedy"));
        assertEquals("comedy", best(s));
        assertTrue(s.get(0).score() < -50, "unreadable scores far below: " + s);
    }

    @Test
    void should_fail_loudly_when_the_learned_adapter_miscounts() {
        // the count is checked by Adapter.score around the learned adapter's doScore
        Adapter miscounting = mock(Adapter.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        when(miscounting.name()).thenReturn("learned");
        doReturn(List.of()).when(miscounting).doScore(any(), any());
        AnchoredAdapter a = new AnchoredAdapter(TAGS, miscounting, null, new AnchorWeights(0, 1, 1, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> a.score(QUERY, candidates("comedy", "romance")));
        assertTrue(e.getMessage().contains("0 scores for 2 candidates"), e.getMessage());
    }

    @Test
    void should_name_the_rule_of_a_bad_weight_and_round_trip_through_a_manifest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnchorWeights(-1, 1, 0, 0));
        assertEquals("rerankerAlpha must be a finite number >= 0, was -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AnchorWeights(0, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("rerankerRange must be at least 1"), e.getMessage());
        AnchorWeights w = new AnchorWeights(0.2, 4, 0.5, 1);
        assertEquals(w, AnchorWeights.fromMap(w.toMap()));
        e = assertThrows(IllegalArgumentException.class, () -> AnchorWeights.fromMap(Map.of("reranker_alpha", "x")));
        assertTrue(e.getMessage().contains("reranker_alpha"), e.getMessage());
    }

    @Test
    void should_let_the_learned_adapter_prepare_candidates_only_when_it_has_weight() {
        // given
        Candidate candidate = new Candidate("classic", 0);
        AnchoredAdapter weighted = new AnchoredAdapter(TAGS, learned, store, new AnchorWeights(0, 1, 0.5, 0));
        AnchoredAdapter unweighted = new AnchoredAdapter(TAGS, learned, store, new AnchorWeights(0, 1, 0, 0));

        // when
        unweighted.prepare(QUERY, candidate);
        verify(learned, never()).prepare(any(), any());
        weighted.prepare(QUERY, candidate);

        // then
        verify(learned).prepare(QUERY, candidate);
    }
}

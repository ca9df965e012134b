package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.Scored;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.task.BuiltInTasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class TrainingDataTest {

    private static final UserId U = UserId.of("u1");
    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final TaskSpec TITLES = BuiltInTasks.find("review_title").orElseThrow();

    private static Retriever overlap(List<HistoryItem> items) {
        return new OverlapRetriever(items);
    }

    private static List<HistoryItem> history(int n) {
        List<HistoryItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(HistoryItem.of("i" + i, U, "a space movie number " + i + " with robots",
                    i % 2 == 0 ? "sci-fi" : "comedy"));
        }
        return items;
    }

    @Test
    void should_make_pseudo_queries_whose_neighbours_never_include_their_source() {
        List<HistoryItem> items = history(12);
        PseudoQueries pq = new PseudoQueries(overlap(items), MOVIES, 5, 3);
        List<TrainingQuery> queries = pq.forUser(U, items, 42);
        assertEquals(5, queries.size());
        for (TrainingQuery q : queries) {
            assertEquals(3, q.neighbours().size());
            assertTrue(q.neighbours().stream().noneMatch(n -> n.value().id().equals(q.id())), q.id());
            HistoryItem source = items.stream().filter(i -> i.id().equals(q.id())).findFirst().orElseThrow();
            assertEquals(source.input(), q.text());
            assertEquals(source.output(), q.gold());
        }
    }

    @Test
    void should_draw_the_same_pseudo_queries_for_the_same_seed_and_others_for_another() {
        List<HistoryItem> items = history(30);
        PseudoQueries pq = new PseudoQueries(overlap(items), MOVIES, 5, 3);
        List<String> a = pq.forUser(U, items, 1).stream().map(TrainingQuery::id).toList();
        List<String> b = pq.forUser(U, reversed(items), 1).stream().map(TrainingQuery::id).toList();
        List<String> c = pq.forUser(U, items, 2).stream().map(TrainingQuery::id).toList();
        assertEquals(a, b, "the order of the history must not matter");
        assertNotEquals(a, c);
    }

    private static List<HistoryItem> reversed(List<HistoryItem> items) {
        List<HistoryItem> copy = new ArrayList<>(items);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void should_label_an_item_positive_when_its_one_shot_answer_is_right() {
        // given a black box that copies the demonstration's tag
        LlmBackend backend = mock(LlmBackend.class);
        when(backend.generate(any(), any())).thenAnswer(inv -> {
            Prompt p = inv.getArgument(0);
            return Generation.of(List.of(new Candidate(p.turns().get(1).text() + ".", 0)), TokenUsage.ZERO);
        });
        HistoryItem scifi = HistoryItem.of("n1", U, "robots", "sci-fi");
        HistoryItem comedy = HistoryItem.of("n2", U, "jokes", "comedy");
        TrainingQuery q = new TrainingQuery(U, "q", "space robots", "sci-fi",
                List.of(new Scored<>(scifi, 2), new Scored<>(comedy, 1)));

        // when
        List<LabeledPair> pairs = new RerankerLabels(MOVIES, backend, 64, (a, b) -> 0).label(List.of(q),
                ProgressListener.NONE);

        // then
        assertEquals(List.of(true, false), pairs.stream().map(LabeledPair::positive).toList());
        assertEquals(List.of(0, 1), pairs.stream().map(LabeledPair::rank).toList());
        ArgumentCaptor<Prompt> prompt = ArgumentCaptor.forClass(Prompt.class);
        ArgumentCaptor<Sampling> sampling = ArgumentCaptor.forClass(Sampling.class);
        org.mockito.Mockito.verify(backend, org.mockito.Mockito.times(2)).generate(prompt.capture(),
                sampling.capture());
        assertEquals(List.of(ChatTurn.user(MOVIES.formatQuery("robots")), ChatTurn.assistant("sci-fi"),
                ChatTurn.user(MOVIES.formatQuery("space robots"))), prompt.getAllValues().get(0).turns());
        assertEquals(Sampling.greedy(64), sampling.getAllValues().get(0));
    }

    @Test
    void should_label_free_text_against_the_querys_mean_similarity() {
        LlmBackend backend = mock(LlmBackend.class);
        when(backend.generate(any(), any())).thenAnswer(inv -> {
            Prompt p = inv.getArgument(0);
            return Generation.of(List.of(new Candidate(p.turns().get(1).text(), 0)), TokenUsage.ZERO);
        });
        List<Scored<HistoryItem>> neighbours = List.of(
                new Scored<>(HistoryItem.of("a", U, "x", "0.9"), 3),
                new Scored<>(HistoryItem.of("b", U, "x", "0.5"), 2),
                new Scored<>(HistoryItem.of("c", U, "x", "0.1"), 1));
        TrainingQuery q = new TrainingQuery(U, "q", "text", "gold", neighbours);
        // the similarity is the number the answer spells: mean 0.5, so only 0.9 is above it
        List<LabeledPair> pairs = new RerankerLabels(TITLES, backend, 64, (a, g) -> Double.parseDouble(a))
                .label(List.of(q), ProgressListener.NONE);
        assertEquals(List.of(true, false, false), pairs.stream().map(LabeledPair::positive).toList());
    }

    @Test
    void should_label_candidates_of_a_pool_with_the_greedy_answer_first_and_order_demonstrations_by_the_reranker() {
        // given: the greedy answer is "Comedy!", the two samples "sci-fi" and "nonsense"
        LlmBackend backend = mock(LlmBackend.class);
        when(backend.generate(any(), any())).thenAnswer(inv -> ((Sampling) inv.getArgument(1)).temperature() == 0
                ? Generation.of(List.of(new Candidate("Comedy!", 0)), TokenUsage.ZERO)
                : Generation.of(List.of(new Candidate("sci-fi", 0), new Candidate("nonsense", 1)), TokenUsage.ZERO));
        Reranker reranker = mock(Reranker.class);
        HistoryItem first = HistoryItem.of("n1", U, "one", "comedy");
        HistoryItem second = HistoryItem.of("n2", U, "two", "sci-fi");
        when(reranker.rerank(any(), any(), org.mockito.ArgumentMatchers.anyInt()))
                .thenReturn(List.of(new Scored<>(second, 0.9), new Scored<>(first, 0.2)));
        TrainingQuery q = new TrainingQuery(U, "q", "space", "comedy",
                List.of(new Scored<>(first, 2), new Scored<>(second, 1)));

        // when
        List<LabeledPair> pairs = new AdapterCandidates(MOVIES, backend, reranker, 2, new Sampling(3, 1.0, 64, 7))
                .label(List.of(q), ProgressListener.NONE);

        // then
        assertEquals(List.of("Comedy!", "sci-fi", "nonsense"), pairs.stream().map(LabeledPair::text).toList());
        assertEquals(List.of(true, false, false), pairs.stream().map(LabeledPair::positive).toList());
        ArgumentCaptor<Prompt> prompt = ArgumentCaptor.forClass(Prompt.class);
        ArgumentCaptor<Sampling> sampling = ArgumentCaptor.forClass(Sampling.class);
        org.mockito.Mockito.verify(backend, org.mockito.Mockito.times(2)).generate(prompt.capture(),
                sampling.capture());
        assertEquals(MOVIES.formatQuery("two"), prompt.getValue().turns().get(0).text(), "reranked order");
        assertEquals(List.of(1, 2), sampling.getAllValues().stream().map(Sampling::n).sorted().toList(),
                "the greedy call and the N - 1 samples, run at once (in either order)");
    }

    @Test
    void should_rank_free_text_samples_against_each_other_and_never_add_the_gold() {
        LlmBackend backend = mock(LlmBackend.class);
        when(backend.generate(any(), any())).thenAnswer(inv -> ((Sampling) inv.getArgument(1)).temperature() == 0
                ? Generation.of(List.of(new Candidate("Nice strap", 0)), TokenUsage.ZERO)
                : Generation.of(List.of(new Candidate("Good", 0)), TokenUsage.ZERO));
        TrainingQuery q = new TrainingQuery(U, "q", "review", "Best strap ever", List.of());
        List<LabeledPair> pairs = new AdapterCandidates(TITLES, backend, null, 4, new Sampling(2, 1.0, 64, 7))
                .label(List.of(q), ProgressListener.NONE);
        assertEquals(List.of("Nice strap", "Good"), pairs.stream().map(LabeledPair::text).toList());
        assertEquals(List.of(true, false), pairs.stream().map(LabeledPair::positive).toList());
    }

    @Test
    void should_give_no_pairs_for_a_pool_whose_answers_all_score_the_same() {
        LlmBackend backend = mock(LlmBackend.class);
        when(backend.generate(any(), any()))
                .thenReturn(Generation.of(List.of(new Candidate("comedy", 0)), TokenUsage.ZERO));
        TrainingQuery q = new TrainingQuery(U, "q", "space", "sci-fi", List.of());
        assertTrue(new AdapterCandidates(MOVIES, backend, null, 4, new Sampling(2, 1.0, 64, 7))
                .label(List.of(q), ProgressListener.NONE).isEmpty());
    }

    @Test
    void should_label_from_the_items_own_outputs_without_calling_the_black_box() {
        // given
        LlmBackend backend = mock(LlmBackend.class);
        List<Scored<HistoryItem>> neighbours = List.of(
                new Scored<>(HistoryItem.of("a", U, "x", "Sci-Fi"), 3),
                new Scored<>(HistoryItem.of("b", U, "x", "comedy"), 2));
        TrainingQuery q = new TrainingQuery(U, "q", "robots", "sci-fi", neighbours);

        // when
        List<LabeledPair> pairs = new RerankerLabels(MOVIES, backend, 64, (a, g) -> 0, RerankerLabelSource.OUTPUT)
                .label(List.of(q), ProgressListener.NONE);

        // then
        assertEquals(List.of(true, false), pairs.stream().map(LabeledPair::positive).toList());
        org.mockito.Mockito.verifyNoInteractions(backend);
    }

    @Test
    void should_compare_free_text_labels_within_each_query_not_across_the_user() {
        // given: two queries of one user; the second's items are all worse than the first's
        LlmBackend backend = mock(LlmBackend.class);
        TrainingQuery easy = new TrainingQuery(U, "q1", "x", "gold", List.of(
                new Scored<>(HistoryItem.of("a", U, "x", "0.9"), 2),
                new Scored<>(HistoryItem.of("b", U, "x", "0.7"), 1)));
        TrainingQuery hard = new TrainingQuery(U, "q2", "x", "gold", List.of(
                new Scored<>(HistoryItem.of("c", U, "x", "0.3"), 2),
                new Scored<>(HistoryItem.of("d", U, "x", "0.1"), 1)));

        // when
        List<LabeledPair> pairs = new RerankerLabels(TITLES, backend, 64, (a, g) -> Double.parseDouble(a),
                RerankerLabelSource.OUTPUT).label(List.of(easy, hard), ProgressListener.NONE);

        // then: each query has its better item as the positive
        assertEquals(List.of(true, false, true, false), pairs.stream().map(LabeledPair::positive).toList());
    }
}

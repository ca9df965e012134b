package dev.hydra.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Retriever;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's parts: method names, settings, the random retriever, the baselines, the word limit, the report's arithmetic. */
class EvalPartsTest {

    private static final UserId ANN = UserId.of("ann");
    private static final UserId BOB = UserId.of("bob");

    @Test
    void should_parse_method_lists_and_name_the_known_ones_on_a_typo() {
        assertEquals(List.of(EvalMethod.RAG_K4, EvalMethod.HYDRA), EvalMethod.parseList("rag-k4, hydra,rag-k4"));
        assertEquals(EvalMethod.values().length - 8, EvalMethod.parseList("all").size());
        assertEquals(2, EvalMethod.parseList("hydra-drop-2").get(0).droppedSamples());
        assertEquals(List.of(EvalMethod.AGREEMENT, EvalMethod.HYDRA_NO_HISTORY, EvalMethod.HYDRA_NO_GREEDY,
                EvalMethod.HYDRA_RERANKER_UNANCHORED, EvalMethod.HYDRA_UNANCHORED), EvalMethod.parseList("ablations"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalMethod.parseList("rag-k5"));
        assertTrue(e.getMessage().contains("\"rag-k5\"") && e.getMessage().contains("profile-majority"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvalMethod.parseList(" , "));
    }

    @Test
    void should_name_the_option_that_is_out_of_range() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvalSettings(Path.of("d"),
                "dev", List.of("t"), List.of(EvalMethod.HYDRA), 0, 1, 1, 1, 1, 10, 10, 100, Path.of("o")));
        assertTrue(e.getMessage().contains("--train-users"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EvalSettings(Path.of("d"),
                "dev", List.of("t"), List.of(EvalMethod.HYDRA), 1, 1, 1, 1, 1, 2, 10, 100, Path.of("o")));
        assertTrue(e.getMessage().contains("--m"), e.getMessage());
    }

    @Test
    void should_draw_the_same_random_items_of_the_user_only() {
        // given
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        for (int i = 0; i < 10; i++) {
            store.add(HistoryItem.of("a" + i, ANN, "ann text " + i, "x"));
            store.add(HistoryItem.of("b" + i, BOB, "bob text " + i, "y"));
        }
        Query q = new Query(ANN, "a query", "movie_tagging");

        // when
        List<Scored<HistoryItem>> once = new RandomHistoryRetriever(store, 1).retrieve(q, 4);
        List<Scored<HistoryItem>> again = new RandomHistoryRetriever(store, 1).retrieve(q, 4);
        List<Scored<HistoryItem>> otherSeed = new RandomHistoryRetriever(store, 2).retrieve(q, 4);

        // then
        assertEquals(4, once.size());
        assertEquals(once, again);
        assertTrue(once.stream().allMatch(s -> s.value().userId().equals(ANN)));
        assertTrue(!once.equals(otherSeed), "another seed draws other items");
        assertThrows(IllegalArgumentException.class, () -> new RandomHistoryRetriever(store, 1).retrieve(q, -1));
    }

    @Test
    void should_take_the_most_frequent_label_with_a_stable_tie_break() {
        var task = BuiltInTasks.find("movie_tagging").orElseThrow();
        assertEquals("comedy", MajorityBaselines.mostFrequent(List.of("comedy", "Comedy", "sci-fi"), task));
        assertEquals("comedy", MajorityBaselines.mostFrequent(List.of("sci-fi", "comedy"), task),
                "ties: smallest first");
        assertEquals("", MajorityBaselines.mostFrequent(List.of(), task));
        var rating = BuiltInTasks.find("product_rating").orElseThrow();
        assertEquals("5", MajorityBaselines.mostFrequent(List.of("5", "5.0", "4"), rating));
    }

    @Test
    void should_answer_a_generation_task_with_the_nearest_profile_items_output() {
        // given
        var task = BuiltInTasks.find("news_headline").orElseThrow();
        List<HistoryItem> profile = List.of(HistoryItem.of("1", ANN, "budget vote in congress", "Congress Votes"),
                HistoryItem.of("2", ANN, "recipe for bread", "Bake Bread"));
        Query q = new Query(ANN, "the bread recipe", "news_headline");

        // when
        Retriever nearest = new Retriever() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                return List.of(new Scored<>(profile.get(1), 1.0));
            }
        };
        String answer = MajorityBaselines.profileAnswer(task, profile, q, nearest);

        // then
        assertEquals("Bake Bread", answer);
    }

    @Test
    void should_cut_texts_to_the_word_limit_but_never_outputs() {
        // given
        WordLimit limit = new WordLimit(3, BuiltInTasks.find("movie_tagging").orElseThrow());
        HistoryItem item = new HistoryItem("1", ANN, "one two three four five", "a long title stays whole",
                Instant.EPOCH, Map.of(HistoryItem.RETRIEVAL_TEXT, "t1 t2 t3 t4"));

        // when
        HistoryItem cut = limit.apply(item);

        // then
        assertEquals("one two three", cut.input());
        assertEquals("t1 t2 t3", cut.retrievalText());
        assertEquals("a long title stays whole", cut.output());
        assertEquals("short text", limit.cut("short text"));
    }

    @Test
    void should_cut_the_query_text_and_keep_the_whole_template() {
        // given: the news template alone is longer than the limit
        var task = BuiltInTasks.find("news_category").orElseThrow();
        WordLimit limit = new WordLimit(8, task);
        String article = "Faced with rising seas the island nation plans to move its capital inland within ten years";

        // when
        String cut = limit.cutQuery(task.formatQuery(article));

        // then: the template is whole and the first 8 words of the article reach the prompt and the retriever
        assertEquals(task.formatQuery("Faced with rising seas the island nation plans"), cut);
        assertEquals("Faced with rising seas the island nation plans", BuiltInTasks.rawText(task, cut));
        assertEquals("no template here at all but long", limit.cutQuery("no template here at all but long"));
    }

    @Test
    void should_count_a_lower_error_as_an_improvement() {
        assertEquals(0.25, EvalReport.relative("mae", 0.75, 1.0), 1e-12);
        assertEquals(0.10, EvalReport.relative("accuracy", 0.55, 0.5), 1e-12);
        assertNull(EvalReport.relative("rouge1", 0.3, 0.0));
        assertEquals("mae", EvalReport.primaryMetric(Map.of("mae", 1.0, "rmse", 1.0)));
    }

    @Test
    void should_pick_the_sample_a_perfect_adapter_would_choose() {
        var tags = BuiltInTasks.find("movie_tagging").orElseThrow();
        assertEquals("comedy", OraclePick.best(tags, "comedy", List.of("sci-fi", "comedy")));
        assertEquals("sci-fi", OraclePick.best(tags, "comedy", List.of("sci-fi", "dystopia")), "none right: the first");
        var rating = BuiltInTasks.find("product_rating").orElseThrow();
        assertEquals("4", OraclePick.best(rating, "5", List.of("1", "4", "unreadable")));
        var titles = BuiltInTasks.find("news_headline").orElseThrow();
        assertEquals("Senate passes the budget", OraclePick.best(titles, "Senate Passes Budget",
                List.of("A recipe for bread", "Senate passes the budget")));
        assertEquals("", OraclePick.best(titles, "x", List.of()));
    }

    @Test
    void should_give_a_bootstrap_interval_that_holds_the_paired_difference() {
        // given: on 20 movie queries, method a is right on 15 and b on 5, b never where a is wrong
        var task = BuiltInTasks.find("movie_tagging").orElseThrow();
        List<MethodResult.Prediction> a = new java.util.ArrayList<>();
        List<MethodResult.Prediction> b = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(new MethodResult.Prediction("q" + i, "comedy", i < 15 ? "comedy" : "romance", List.of()));
            b.add(new MethodResult.Prediction("q" + i, "comedy", i < 5 ? "comedy" : "romance", List.of()));
        }
        MethodResult ra = new MethodResult("movie_tagging", "a", 42, 20, Map.of(), 0, 0, 0, 0, a, Map.of());
        MethodResult rb = new MethodResult("movie_tagging", "b", 42, 20, Map.of(), 0, 0, 0, 0, b, Map.of());

        // when
        PairedBootstrap.Interval i = PairedBootstrap.compare(task, List.of(ra), List.of(rb), 1);
        PairedBootstrap.Interval same = PairedBootstrap.compare(task, List.of(ra), List.of(ra), 1);

        // then
        assertEquals(0.5, i.mean(), 1e-12);
        assertTrue(i.low() > 0.2 && i.low() <= 0.5 && i.high() >= 0.5 && i.high() < 0.8, i.toString());
        assertEquals(20, i.pairs());
        assertEquals(0, same.low(), 1e-12);
        assertEquals(0, same.high(), 1e-12);
        assertNull(PairedBootstrap.compare(task, List.of(ra), List.of(), 1));
    }
}

package dev.hydra.langchain4j;

import static dev.hydra.langchain4j.Fixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.Retriever;
import dev.hydra.core.task.ChatTask;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Metadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builders of the RAG bridges: defaults, every setting, and a clear error for each missing or bad one. */
class BridgeBuildersTest {

    /** Scores an item by its text's length and remembers the queries and limits it was asked for. */
    static final class LengthReranker implements Reranker {
        final List<Query> queries = new ArrayList<>();

        @Override
        public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
            queries.add(query);
            return candidates.stream().map(s -> new Scored<>(s.value(), (double) s.value().input().length()))
                    .limit(k).toList();
        }

        @Override
        public String name() {
            return "length";
        }
    }

    /** Returns nothing and remembers the limits it was asked for. */
    static final class RecordingRetriever implements Retriever {
        final List<Integer> limits = new ArrayList<>();

        @Override
        public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
            limits.add(m);
            return List.of();
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    private static final List<Content> CONTENTS = List.of(Content.from("a"), Content.from("abc"),
            Content.from("ab"));

    private static Map<dev.langchain4j.rag.query.Query, Collection<List<Content>>> retrievedFor(String user) {
        return Map.of(dev.langchain4j.rag.query.Query.from("q", Metadata.from(UserMessage.from("q"), user, List.of())),
                List.of(CONTENTS));
    }

    private static List<String> texts(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().text()).toList();
    }

    @Test
    void should_bind_a_scoring_model_to_the_user_and_the_chat_task_by_default() {
        // given
        LengthReranker reranker = new LengthReranker();
        // when
        HydraScoringModel model = HydraScoringModel.builder().reranker(reranker).userId("alice").build();
        List<Double> scores = model.scoreAll(List.of(TextSegment.from("ab")), "q").content();
        // then
        assertEquals(List.of(2.0), scores);
        assertEquals(ALICE, model.user());
        assertEquals(ChatTask.NAME, model.task());
        assertEquals(new Query(ALICE, "q", ChatTask.NAME), reranker.queries.get(0));
    }

    @Test
    void should_query_the_reranker_under_the_task_set() {
        // given
        LengthReranker reranker = new LengthReranker();
        // when
        HydraScoringModel model = HydraScoringModel.builder().reranker(reranker).userId("alice").task("news_headline")
                .build();
        model.scoreAll(List.of(TextSegment.from("ab")), "q");
        // then
        assertEquals("news_headline", reranker.queries.get(0).task());
    }

    @Test
    void should_name_the_missing_or_bad_setting_of_a_scoring_model() {
        // when
        IllegalStateException noReranker = assertThrows(IllegalStateException.class,
                () -> HydraScoringModel.builder().userId("alice").build());
        IllegalStateException noUser = assertThrows(IllegalStateException.class,
                () -> HydraScoringModel.builder().reranker(new LengthReranker()).build());
        IllegalArgumentException badUser = assertThrows(IllegalArgumentException.class,
                () -> HydraScoringModel.builder().reranker(new LengthReranker()).userId("not\nvalid").build());
        IllegalArgumentException blankTask = assertThrows(IllegalArgumentException.class,
                () -> HydraScoringModel.builder().reranker(new LengthReranker()).userId("alice").task(" ").build());
        // then
        assertTrue(noReranker.getMessage().contains("reranker is required")
                && noReranker.getMessage().contains(".reranker("), noReranker.getMessage());
        assertTrue(noUser.getMessage().contains("userId is required") && noUser.getMessage().contains(".userId("),
                noUser.getMessage());
        assertTrue(badUser.getMessage().contains(UserId.RULE), badUser.getMessage());
        assertTrue(blankTask.getMessage().contains("task must not be blank")
                && blankTask.getMessage().contains(".task("), blankTask.getMessage());
    }

    @Test
    void should_keep_every_content_unless_the_aggregator_is_limited() {
        // given
        UserReRankingContentAggregator all = UserReRankingContentAggregator.builder().reranker(new LengthReranker())
                .build();
        UserReRankingContentAggregator limited = UserReRankingContentAggregator.builder()
                .reranker(new LengthReranker()).minScore(2.0).maxResults(1).build();
        // when
        List<Content> kept = all.aggregate(retrievedFor("alice"));
        List<Content> best = limited.aggregate(retrievedFor("alice"));
        // then
        assertEquals(List.of("abc", "ab", "a"), texts(kept));
        assertEquals(List.of("abc"), texts(best));
        assertEquals(3.0, best.get(0).metadata().get(ContentMetadata.RERANKED_SCORE));
        assertEquals(List.of(), all.aggregate(Map.of()));
    }

    @Test
    void should_name_the_missing_or_bad_setting_of_an_aggregator() {
        // when
        IllegalStateException noReranker = assertThrows(IllegalStateException.class,
                () -> UserReRankingContentAggregator.builder().maxResults(3).build());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> UserReRankingContentAggregator.builder().reranker(new LengthReranker()).maxResults(0).build());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> UserReRankingContentAggregator.builder().reranker(new LengthReranker()).minScore(Double.NaN)
                        .build());
        // then
        assertTrue(noReranker.getMessage().contains("reranker is required")
                && noReranker.getMessage().contains(".reranker("), noReranker.getMessage());
        assertTrue(zero.getMessage().contains("maxResults must be >= 1, was 0"), zero.getMessage());
        assertTrue(nan.getMessage().contains("minScore must be finite, was NaN"), nan.getMessage());
    }

    @Test
    void should_ask_the_retriever_for_three_items_unless_told_otherwise() {
        // given
        RecordingRetriever retriever = new RecordingRetriever();
        dev.langchain4j.rag.query.Query query = dev.langchain4j.rag.query.Query.from("q",
                Metadata.from(UserMessage.from("q"), "alice", List.of()));
        // when
        UserHistoryContentRetriever.builder().retriever(retriever).build().retrieve(query);
        UserHistoryContentRetriever.builder().retriever(retriever).maxResults(7).build().retrieve(query);
        // then
        assertEquals(List.of(UserHistoryContentRetriever.DEFAULT_MAX_RESULTS, 7), retriever.limits);
        assertEquals(3, UserHistoryContentRetriever.DEFAULT_MAX_RESULTS);
    }

    @Test
    void should_name_the_missing_or_bad_setting_of_a_content_retriever() {
        // when
        IllegalStateException noRetriever = assertThrows(IllegalStateException.class,
                () -> UserHistoryContentRetriever.builder().maxResults(2).build());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> UserHistoryContentRetriever.builder().retriever(new RecordingRetriever()).maxResults(0).build());
        // then
        assertTrue(noRetriever.getMessage().contains("retriever is required")
                && noRetriever.getMessage().contains(".retriever("), noRetriever.getMessage());
        assertTrue(zero.getMessage().contains("maxResults must be >= 1, was 0"), zero.getMessage());
    }
}

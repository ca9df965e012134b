package dev.hydra.langchain4j;

import static dev.hydra.langchain4j.Fixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BridgesTest {

    /** Alice's head likes tea, Bob's likes coffee; every item is kept, best first. */
    static final class TasteReranker implements Reranker {
        @Override
        public List<Scored<HistoryItem>> doRerank(Query query, List<Scored<HistoryItem>> candidates, int k) {
            String liked = query.userId().equals(ALICE) ? "tea" : "coffee";
            return candidates.stream()
                    .map(s -> new Scored<>(s.value(), s.value().input().contains(liked) ? 1.0 : 0.0))
                    .sorted(Comparator.<Scored<HistoryItem>>comparingDouble(Scored::score).reversed())
                    .limit(k).toList();
        }

        @Override
        public String name() {
            return "taste";
        }
    }

    private static final List<Content> CONTENTS = List.of(Content.from("a guide to coffee"),
            Content.from("a guide to tea"), Content.from("a guide to water"));

    private static dev.langchain4j.rag.query.Query query(Object memoryId) {
        return dev.langchain4j.rag.query.Query.from("which drink",
                Metadata.from(UserMessage.from("which drink"), memoryId, List.of()));
    }

    private static List<String> texts(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().text()).toList();
    }

    @Test
    void should_rerank_inside_a_re_ranking_content_aggregator_with_one_users_head() {
        // given
        ReRankingContentAggregator forAlice = new ReRankingContentAggregator(
                HydraScoringModel.builder().reranker(new TasteReranker()).userId("alice").build(), null, 0.5, 5);
        ReRankingContentAggregator forBob = new ReRankingContentAggregator(
                HydraScoringModel.builder().reranker(new TasteReranker()).userId("bob").build(), null, 0.5, 5);
        Map<dev.langchain4j.rag.query.Query, Collection<List<Content>>> retrieved = Map.of(query(null),
                List.of(CONTENTS));
        // when
        List<Content> alice = forAlice.aggregate(retrieved);
        List<Content> bob = forBob.aggregate(retrieved);
        // then
        assertEquals(List.of("a guide to tea"), texts(alice));
        assertEquals(List.of("a guide to coffee"), texts(bob));
        assertEquals(1.0, alice.get(0).metadata().get(ContentMetadata.RERANKED_SCORE));
    }

    @Test
    void should_score_every_segment_in_order() {
        // given
        HydraScoringModel scoring = HydraScoringModel.builder().reranker(new TasteReranker()).userId("bob").build();
        // when
        List<Double> scores = scoring.scoreAll(List.of(TextSegment.from("tea"), TextSegment.from("coffee")), "q")
                .content();
        // then
        assertEquals(List.of(0.0, 1.0), scores);
        assertEquals(List.of(), scoring.scoreAll(List.of(), "q").content());
    }

    @Test
    void should_fail_when_the_reranker_drops_a_segment() {
        // given
        Reranker dropping = mock(Reranker.class);
        when(dropping.name()).thenReturn("dropping");
        when(dropping.rerank(any(), any(), org.mockito.ArgumentMatchers.anyInt())).thenReturn(List.of());
        // when
        HydraScoringModel scoring = HydraScoringModel.builder().reranker(dropping).userId("alice").build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> scoring.scoreAll(List.of(TextSegment.from("x")), "q"));
        // then
        assertTrue(e.getMessage().contains("dropping"), e.getMessage());
    }

    @Test
    void should_rerank_for_the_user_of_the_chat_memory_id() {
        // given
        UserReRankingContentAggregator aggregator = UserReRankingContentAggregator.builder()
                .reranker(new TasteReranker()).maxResults(2).build();
        // when
        List<Content> alice = aggregator.aggregate(Map.of(query("alice"), List.of(CONTENTS)));
        List<Content> bob = aggregator.aggregate(Map.of(query("bob"), List.of(CONTENTS)));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> aggregator.aggregate(Map.of(query(null), List.of(CONTENTS))));
        // then
        assertEquals("a guide to tea", texts(alice).get(0));
        assertEquals("a guide to coffee", texts(bob).get(0));
        assertEquals(2, alice.size());
        assertTrue(none.getMessage().contains("@MemoryId"), none.getMessage());
    }

    @Test
    void should_retrieve_only_the_memory_ids_history() {
        // given
        UserHistoryContentRetriever retriever = UserHistoryContentRetriever.builder()
                .retriever(new OverlapRetriever(Fixtures.store())).maxResults(2).build();
        // when
        List<Content> alice = retriever.retrieve(dev.langchain4j.rag.query.Query.from("post on bike tyres",
                Metadata.from(UserMessage.from("post on bike tyres"), "alice", List.of())));
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> retriever.retrieve(query("not\nvalid")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> retriever.retrieve(dev.langchain4j.rag.query.Query.from("post on bike tyres")));
        // then
        assertEquals(2, alice.size());
        assertEquals("title for my post on bike tyres\nTyre-rific rides ahead!", alice.get(0).textSegment().text());
        assertTrue(alice.stream().allMatch(c -> "alice".equals(c.textSegment().metadata().getString("hydra.userId"))));
        assertTrue((Double) alice.get(0).metadata().get(ContentMetadata.SCORE) > 0);
        assertTrue(invalid.getMessage().contains(UserId.RULE), invalid.getMessage());
        assertTrue(missing.getMessage().contains("@MemoryId"), missing.getMessage());
    }

    interface Assistant {
        String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
    }

    @Test
    void should_feed_a_users_history_to_an_ai_service_as_retrieved_content() {
        // given
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenReturn(Fixtures.answer("ok"));
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10))
                .contentRetriever(UserHistoryContentRetriever.builder()
                        .retriever(new OverlapRetriever(Fixtures.store())).maxResults(1).build())
                .build();
        // when
        assistant.chat("bob", "post on bike chains");
        // then
        ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
        org.mockito.Mockito.verify(model).chat(sent.capture());
        List<ChatMessage> messages = sent.getValue().messages();
        String prompt = ((UserMessage) messages.get(messages.size() - 1)).singleText();
        assertTrue(prompt.contains("Chain maintenance intervals"), prompt);
        assertTrue(!prompt.contains("Chain reaction"), prompt);
        assertTrue(messages.stream().noneMatch(AiMessage.class::isInstance));
    }
}

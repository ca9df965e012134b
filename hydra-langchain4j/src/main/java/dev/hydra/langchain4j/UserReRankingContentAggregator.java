package dev.hydra.langchain4j;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import dev.hydra.core.task.ChatTask;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.query.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ReRankingContentAggregator} that reranks with the Hydra reranker of the user asking: the user is the
 * query's chat memory id (AiServices' {@code @MemoryId}), so one aggregator serves every user.
 *
 * <pre>{@code
 * RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
 *         .contentRetriever(retriever)
 *         .contentAggregator(new UserReRankingContentAggregator(reranker, null, 3))
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public class UserReRankingContentAggregator extends ReRankingContentAggregator {

    private final Reranker reranker;
    private final Double minScore;
    private final int maxResults;

    /**
     * Creates the aggregator.
     *
     * @param reranker the reranker with every user's head
     * @param minScore the lowest score kept, or {@code null} for all
     * @param maxResults the most contents kept, or {@code null} for all
     */
    public UserReRankingContentAggregator(Reranker reranker, Double minScore, Integer maxResults) {
        super((segments, query) -> {
            throw new IllegalStateException("unused: this aggregator scores per user in reRankAndFilter");
        }, null, minScore, maxResults);
        this.reranker = Objects.requireNonNull(reranker, "reranker must not be null");
        this.minScore = minScore;
        this.maxResults = maxResults == null ? Integer.MAX_VALUE : maxResults;
    }

    /**
     * Scores the contents with the reranker of the query's user, best first, filtered and limited.
     *
     * @param contents the fused contents
     * @param query the query; its metadata's chat memory id is the user
     * @return the kept contents with {@link ContentMetadata#RERANKED_SCORE}
     * @throws IllegalArgumentException when the query has no chat memory id or it is not a valid user id
     */
    @Override
    protected List<Content> reRankAndFilter(List<Content> contents, Query query) {
        Object memoryId = query.metadata() == null ? null : query.metadata().chatMemoryId();
        if (memoryId == null) {
            throw new IllegalArgumentException("the query has no chat memory id to take the user from; "
                    + "give the AI service method a @MemoryId parameter");
        }
        UserId user = UserId.of(String.valueOf(memoryId));
        List<TextSegment> segments = contents.stream().map(Content::textSegment).toList();
        List<Double> scores = HydraScoringModel.of(reranker, user, ChatTask.NAME).scoreAll(segments, query.text())
                .content();
        List<Content> kept = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (minScore == null || scores.get(i) >= minScore) {
                kept.add(Content.from(segments.get(i), Map.of(ContentMetadata.RERANKED_SCORE, scores.get(i))));
            }
        }
        kept.sort(Comparator.comparingDouble(
                (Content c) -> (Double) c.metadata().get(ContentMetadata.RERANKED_SCORE)).reversed());
        return kept.subList(0, Math.min(maxResults, kept.size()));
    }
}

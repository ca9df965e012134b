package dev.hydra.langchain4j;

import dev.hydra.api.spi.Reranker;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ContentAggregator;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.query.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A {@link ContentAggregator} that reranks with the Hydra reranker of the user asking: the user is the query's chat
 * memory id (AiServices' {@code @MemoryId}), so one aggregator serves every user. It aggregates as LangChain4j's
 * {@link ReRankingContentAggregator} does (the one query's results fused by reciprocal rank, then reranked, filtered
 * and limited), with that user's head as the scoring model.
 *
 * <pre>{@code
 * RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
 *         .contentRetriever(retriever)
 *         .contentAggregator(UserReRankingContentAggregator.builder().reranker(reranker).maxResults(3).build())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class UserReRankingContentAggregator implements ContentAggregator {

    private final ContentAggregator perUser;

    private UserReRankingContentAggregator(Reranker reranker, Double minScore, int maxResults) {
        this.perUser = new PerUserReRanking(reranker, minScore, maxResults);
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#reranker} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fuses the retrieved contents, then scores them with the reranker of the query's user, best first, filtered
     * and limited.
     *
     * @param queryToContents the contents each query retrieved; one query, as {@link ReRankingContentAggregator}
     *     takes by default
     * @return the kept contents with {@link ContentMetadata#RERANKED_SCORE}
     * @throws IllegalArgumentException when there are contents and the query has no chat memory id, or it is not a
     *     valid user id
     */
    @Override
    public List<Content> aggregate(Map<Query, Collection<List<Content>>> queryToContents) {
        return perUser.aggregate(queryToContents);
    }

    /** LangChain4j's fusion and query selection, with the scoring model of the query's user. */
    private static final class PerUserReRanking extends ReRankingContentAggregator {

        private final Reranker reranker;
        private final Double minScore;
        private final int maxResults;

        PerUserReRanking(Reranker reranker, Double minScore, int maxResults) {
            super((segments, query) -> {
                throw new IllegalStateException("unused: this aggregator scores per user in reRankAndFilter");
            }, DEFAULT_QUERY_SELECTOR, minScore, maxResults);
            this.reranker = reranker;
            this.minScore = minScore;
            this.maxResults = maxResults;
        }

        @Override
        protected List<Content> reRankAndFilter(List<Content> contents, Query query) {
            Object memoryId = query.metadata() == null ? null : query.metadata().chatMemoryId();
            if (memoryId == null) {
                throw new IllegalArgumentException("the query has no chat memory id to take the user from; "
                        + "give the AI service method a @MemoryId parameter");
            }
            List<TextSegment> segments = contents.stream().map(Content::textSegment).toList();
            List<Double> scores = HydraScoringModel.builder().reranker(reranker).userId(String.valueOf(memoryId))
                    .build().scoreAll(segments, query.text()).content();
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

    /** Builds a {@link UserReRankingContentAggregator}; {@link #build()} checks every setting. */
    public static final class Builder {

        private Reranker reranker;
        private Double minScore;
        private Integer maxResults;

        private Builder() {}

        /**
         * The reranker (required): the shared base with every user's head.
         *
         * @param reranker the reranker
         * @return this builder
         */
        public Builder reranker(Reranker reranker) {
            this.reranker = reranker;
            return this;
        }

        /**
         * The lowest reranked score kept (default: all are kept).
         *
         * @param minScore a finite score, or {@code null} for all
         * @return this builder
         */
        public Builder minScore(Double minScore) {
            this.minScore = minScore;
            return this;
        }

        /**
         * The most contents kept (default: all).
         *
         * @param maxResults at least 1, or {@code null} for all
         * @return this builder
         */
        public Builder maxResults(Integer maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        /**
         * Builds the aggregator.
         *
         * @return the aggregator
         * @throws IllegalStateException when the reranker is missing; the message shows how to set it
         * @throws IllegalArgumentException when maxResults is below 1 or minScore is not finite
         */
        public UserReRankingContentAggregator build() {
            if (reranker == null) {
                throw new IllegalStateException("reranker is required: UserReRankingContentAggregator.builder()"
                        + ".reranker(reranker), e.g. the HydraReranker of a trained model");
            }
            if (maxResults != null && maxResults < 1) {
                throw new IllegalArgumentException("maxResults must be >= 1, was " + maxResults
                        + ": give the most contents to keep, or leave it unset to keep all");
            }
            if (minScore != null && !Double.isFinite(minScore)) {
                throw new IllegalArgumentException("minScore must be finite, was " + minScore
                        + ": give the lowest score to keep, or leave it unset to keep all");
            }
            return new UserReRankingContentAggregator(reranker, minScore,
                    maxResults == null ? Integer.MAX_VALUE : maxResults);
        }
    }
}

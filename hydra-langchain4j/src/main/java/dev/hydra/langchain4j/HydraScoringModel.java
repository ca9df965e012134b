package dev.hydra.langchain4j;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Reranker;
import dev.hydra.core.task.ChatTask;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's Hydra reranker (shared base plus that user's head) as a LangChain4j {@link ScoringModel}, e.g. for a
 * {@code ReRankingContentAggregator}. A scoring model sees no user, so each instance is bound to one; for one
 * aggregator serving every user, see {@link UserReRankingContentAggregator}.
 *
 * <pre>{@code
 * ScoringModel scoring = HydraScoringModel.builder().reranker(reranker).userId("alice").build();
 * ContentAggregator aggregator = ReRankingContentAggregator.builder().scoringModel(scoring).build();
 * }</pre>
 *
 * <p>Each segment is scored as a history item whose input is the segment's text, for a query of the bound task.
 * <b>Thread-safety:</b> safe for concurrent use when the reranker is.
 *
 * @since 0.1
 */
public final class HydraScoringModel implements ScoringModel {

    private final Reranker reranker;
    private final UserId user;
    private final String task;

    private HydraScoringModel(Reranker reranker, UserId user, String task) {
        this.reranker = reranker;
        this.user = user;
        this.task = task;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#reranker} and {@link Builder#userId} are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores every segment for the query with the user's reranker.
     *
     * @param segments the segments
     * @param query the query text
     * @return one score per segment, in the segments' order (higher is better)
     * @throws IllegalStateException when the reranker leaves a segment out or returns one it was not given
     */
    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        List<Scored<HistoryItem>> items = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            items.add(new Scored<>(HistoryItem.of("segment-" + i, user, segments.get(i).text(), ""), 0.0));
        }
        List<Scored<HistoryItem>> ranked = reranker.rerank(new Query(user, query, task), items, items.size());
        Map<String, Double> byId = new HashMap<>();
        ranked.forEach(s -> byId.put(s.value().id(), s.score()));
        List<Double> scores = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Double score = byId.get("segment-" + i);
            if (score == null || byId.size() != segments.size()) {
                throw new IllegalStateException("reranker '" + reranker.name() + "' scored " + byId.size()
                        + " of " + segments.size() + " segments; a scoring model must score each one");
            }
            scores.add(score);
        }
        return Response.from(scores);
    }

    /**
     * The user this model scores for.
     *
     * @return the user
     */
    public UserId user() {
        return user;
    }

    /**
     * The task the queries carry.
     *
     * @return the task name
     */
    public String task() {
        return task;
    }

    /** Builds a {@link HydraScoringModel}; {@link #build()} checks every setting. */
    public static final class Builder {

        private Reranker reranker;
        private String userId;
        private String task = ChatTask.NAME;

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
         * The user whose head scores (required).
         *
         * @param userId the application's id of the user, see {@link UserId#RULE}
         * @return this builder
         */
        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * The task the queries carry (default {@link ChatTask#NAME}, the free-form chat task).
         *
         * @param task a task name, not blank
         * @return this builder
         */
        public Builder task(String task) {
            this.task = task;
            return this;
        }

        /**
         * Builds the scoring model.
         *
         * @return the scoring model
         * @throws IllegalStateException when the reranker or the user is missing; the message shows how to set it
         * @throws IllegalArgumentException when the user id breaks {@link UserId#RULE} or the task is blank
         */
        public HydraScoringModel build() {
            if (reranker == null) {
                throw new IllegalStateException("reranker is required: HydraScoringModel.builder().reranker(reranker),"
                        + " e.g. the HydraReranker of a trained model");
            }
            if (userId == null) {
                throw new IllegalStateException("userId is required: HydraScoringModel.builder().userId(\"alice\"); "
                        + "a scoring model sees no user, so it is bound to one");
            }
            UserId user = UserId.of(userId);
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("task must not be blank, was " + (task == null ? "null"
                        : '"' + task + '"') + ": give a task name, e.g. .task(\"" + ChatTask.NAME + "\"), or leave "
                        + "it unset for the chat task");
            }
            return new HydraScoringModel(reranker, user, task);
        }
    }
}

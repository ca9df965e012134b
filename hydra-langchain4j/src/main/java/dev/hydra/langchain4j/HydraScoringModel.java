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
import java.util.Objects;

/**
 * One user's Hydra reranker (shared base plus that user's head) as a LangChain4j {@link ScoringModel}, e.g. for a
 * {@code ReRankingContentAggregator}. A scoring model sees no user, so each instance is bound to one; for one
 * aggregator serving every user, see {@link UserReRankingContentAggregator}.
 *
 * <pre>{@code
 * ContentAggregator aggregator = new ReRankingContentAggregator(HydraScoringModel.of(reranker, UserId.of("alice")));
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
        this.reranker = Objects.requireNonNull(reranker, "reranker must not be null");
        this.user = Objects.requireNonNull(user, "user must not be null");
        this.task = Objects.requireNonNull(task, "task must not be null");
    }

    /**
     * Binds a reranker to a user under the chat task.
     *
     * @param reranker the reranker
     * @param user the user whose head scores
     * @return the scoring model
     */
    public static HydraScoringModel of(Reranker reranker, UserId user) {
        return new HydraScoringModel(reranker, user, ChatTask.NAME);
    }

    /**
     * Binds a reranker to a user under a task.
     *
     * @param reranker the reranker
     * @param user the user whose head scores
     * @param task the task name the queries carry
     * @return the scoring model
     */
    public static HydraScoringModel of(Reranker reranker, UserId user, String task) {
        return new HydraScoringModel(reranker, user, task);
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
}

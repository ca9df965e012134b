package dev.hydra.core.training;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Makes pseudo-queries from a user's own history (DESIGN.md §5 stage 1): R items drawn at random, each asked
 * as a query whose answer is the item's output, with its top M neighbours in the rest of the history.
 *
 * @since 0.1
 */
public final class PseudoQueries {

    private final Retriever retriever;
    private final TaskSpec task;
    private final int perUser;
    private final int neighbours;

    /**
     * Creates the builder.
     *
     * @param retriever the retriever over the users' histories
     * @param task the task (its name goes into the retrieval queries)
     * @param perUser R, the pseudo-queries per user (HYDRA: 10)
     * @param neighbours M, the neighbours per pseudo-query (HYDRA: 10)
     */
    public PseudoQueries(Retriever retriever, TaskSpec task, int perUser, int neighbours) {
        if (perUser < 0 || neighbours < 1) {
            throw new IllegalArgumentException(
                    "need perUser >= 0 and neighbours >= 1, got " + perUser + ", " + neighbours);
        }
        this.retriever = retriever;
        this.task = task;
        this.perUser = perUser;
        this.neighbours = neighbours;
    }

    /**
     * Makes the pseudo-queries of one user.
     *
     * @param user the user
     * @param history the user's history
     * @param seed the seed; the same history and seed give the same pseudo-queries
     * @return up to R pseudo-queries, each with at least one neighbour
     */
    public List<TrainingQuery> forUser(UserId user, List<HistoryItem> history, long seed) {
        List<HistoryItem> pool = new ArrayList<>(history);
        pool.sort(Comparator.comparing(HistoryItem::id));
        Random random = new Random(seed ^ user.value().hashCode() * 0x9E3779B97F4A7C15L);
        java.util.Collections.shuffle(pool, random);
        List<TrainingQuery> out = new ArrayList<>();
        for (HistoryItem source : pool) {
            if (out.size() == perUser) {
                break;
            }
            if (source.input().isBlank() || source.output().isBlank()) {
                continue;
            }
            List<Scored<HistoryItem>> found = neighboursOf(user, source);
            if (!found.isEmpty()) {
                out.add(new TrainingQuery(user, source.id(), source.input(), source.output(), found));
            }
        }
        return out;
    }

    /**
     * Retrieves the neighbours of a real query (training users only).
     *
     * @param user the user
     * @param id the query's id
     * @param text the raw query text
     * @param gold its answer
     * @return the training query
     */
    public TrainingQuery realQuery(UserId user, String id, String text, String gold) {
        List<Scored<HistoryItem>> found = retriever.retrieve(new Query(user, text, task.name()), neighbours);
        return new TrainingQuery(user, id, text, gold, found);
    }

    private List<Scored<HistoryItem>> neighboursOf(UserId user, HistoryItem source) {
        // the item's input alone, as a real query has: its retrieval text may hold its output (LaMP-4's title)
        return retriever.retrieve(new Query(user, source.input(), task.name()), neighbours + 1).stream()
                .filter(s -> !s.value().id().equals(source.id()))
                .limit(neighbours)
                .toList();
    }
}

package dev.hydra.core.pipeline;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.TaskSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one request does with each sample as it completes, on that sample's thread: the adapter prepares it
 * ({@link Adapter#prepare(Query, Candidate)}), so that when the last sample arrives only its own work is left; and,
 * when the request answers early, the adapter scores it alone and the first readable one that clears the threshold
 * is handed over at once. A failure of either is ignored: the adapter's {@code score} of the pool redoes the work.
 */
final class ArrivingSamples {

    private final Adapter adapter;
    private final EarlyAnswer early;
    private final TaskSpec task;
    private final Query query;
    private final AtomicReference<Candidate> answered = new AtomicReference<>();

    /**
     * @param adapter the adapter, or {@code null} for none (then nothing is done)
     * @param early the early answer asked for, or {@code null}
     * @param task the request's task, which must read an early answer
     * @param query the query the adapter gets
     */
    ArrivingSamples(Adapter adapter, EarlyAnswer early, TaskSpec task, Query query) {
        this.adapter = adapter;
        this.early = adapter == null ? null : early;
        this.task = task;
        this.query = query;
    }

    /**
     * Called once per completed sample, possibly concurrently.
     *
     * @param candidate the sample, with its index in the pool
     */
    void arrived(Candidate candidate) {
        if (adapter == null) {
            return;
        }
        try {
            if (early == null) {
                adapter.prepare(query, candidate);
            } else if (answered.get() == null && clears(candidate) && answered.compareAndSet(null, candidate)) {
                early.onAnswer().accept(candidate);
            }
        } catch (RuntimeException e) {
            // ignored: the pool's score does the work again, and the pool's best answers
        }
    }

    private boolean clears(Candidate candidate) {
        if (!task.labels().isEmpty() && task.parse(candidate.text()).isEmpty()) {
            return false;
        }
        List<Scored<Candidate>> alone = adapter.score(query, List.of(candidate));
        return alone.get(0).score() >= early.threshold();
    }

    /**
     * The early answer, once handed over.
     *
     * @return the candidate, or {@code null} when none cleared the threshold (or none was asked for)
     */
    Candidate early() {
        return answered.get();
    }
}

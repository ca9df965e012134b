package dev.hydra.core.anchor;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.metrics.Rouge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An adapter that cannot do worse than agreement among its samples without noticing: each candidate scores
 * its {@link Agreement} with the others, plus {@code gamma} times its share in the user's own history, plus
 * {@code beta} times the learned adapter's score standardized over the candidates, and the pool's first answer
 * (the greedy one, when the pool holds it) a bonus of {@code first}. With all of them 0 it picks the most
 * agreed-on answer; with a large {@code first} it answers as plain RAG; the weights come from held-out training queries
 * ({@link AnchorWeights}). A candidate the task cannot read (an unreadable label or rating) scores below every
 * candidate it can, so it is never chosen while a readable one exists.
 *
 * <p>The history prior counts the user's newest {@code historyWindow} items ({@link HistoryStore#newest}; default
 * {@link HistoryStore#DEFAULT_WINDOW}), never all of a user's items: a user with a million items costs a bounded
 * read per request.
 *
 * <p>Name {@code "hydra"}, as the learned adapter it refines. <b>Thread-safety:</b> safe for concurrent use when
 * the learned adapter and the store are.
 *
 * @since 0.2
 */
public final class AnchoredAdapter implements Adapter {

    /** Subtracted from the score of an unreadable candidate: more than agreement and history can add. */
    static final double UNREADABLE = 100;

    private final TaskSpec task;
    private final Adapter learned;
    private final HistoryStore history;
    private final double beta;
    private final double gamma;
    private final double first;
    private final int historyWindow;

    /**
     * Creates the adapter.
     *
     * @param task the task whose answers it reads; never {@code null}
     * @param learned the learned adapter, or {@code null} for none (then {@code beta} is not used)
     * @param history the users' histories for the history prior, or {@code null} for none
     * @param weights the weights ({@link AnchorWeights#adapterBeta()}, {@link AnchorWeights#adapterGamma()})
     */
    public AnchoredAdapter(TaskSpec task, Adapter learned, HistoryStore history, AnchorWeights weights) {
        this(task, learned, history, weights, HistoryStore.DEFAULT_WINDOW);
    }

    /**
     * Creates the adapter whose history prior counts at most a window of each user's newest items.
     *
     * @param task the task whose answers it reads; never {@code null}
     * @param learned the learned adapter, or {@code null} for none (then {@code beta} is not used)
     * @param history the users' histories for the history prior, or {@code null} for none
     * @param weights the weights ({@link AnchorWeights#adapterBeta()}, {@link AnchorWeights#adapterGamma()})
     * @param historyWindow the most of a user's newest items the prior counts; at least 1
     * @throws IllegalArgumentException when {@code historyWindow} is below 1
     * @since 0.3
     */
    public AnchoredAdapter(TaskSpec task, Adapter learned, HistoryStore history, AnchorWeights weights,
            int historyWindow) {
        if (historyWindow < 1) {
            throw new IllegalArgumentException("historyWindow must be >= 1, was " + historyWindow + "; the default is "
                    + HistoryStore.DEFAULT_WINDOW);
        }
        this.historyWindow = historyWindow;
        this.task = Objects.requireNonNull(task, "task must not be null");
        this.learned = learned;
        this.history = history;
        this.beta = learned == null ? 0 : weights.adapterBeta();
        this.gamma = history == null ? 0 : weights.adapterGamma();
        this.first = weights.adapterFirst();
    }

    @Override
    public String name() {
        return "hydra";
    }

    @Override
    public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
        List<String> texts = candidates.stream().map(Candidate::text).toList();
        List<HistoryItem> items = gamma > 0 ? history.newest(query.userId(), historyWindow) : List.of();
        double[] learnedScores = beta > 0 && texts.size() > 1 ? learnedScores(query, candidates) : null;
        double[] total = evidence(task, texts, items, learnedScores).combine(beta, gamma, first);
        List<Scored<Candidate>> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < total.length; i++) {
            out.add(new Scored<>(candidates.get(i), total[i]));
        }
        return List.copyOf(out);
    }

    /**
     * The parts of the candidates' scores, for choosing the weights on held-out queries.
     *
     * @param task the task that reads the answers
     * @param texts the candidates' texts
     * @param history the user's history items the history prior counts (empty for none)
     * @param learnedScores the learned adapter's scores of the candidates, or {@code null} for none
     * @return the parts
     */
    public static Evidence evidence(TaskSpec task, List<String> texts, List<HistoryItem> history,
            double[] learnedScores) {
        boolean[] unreadable = new boolean[texts.size()];
        for (int i = 0; i < unreadable.length; i++) {
            unreadable[i] = Agreement.readsLabels(task) && task.parse(texts.get(i)).isEmpty();
        }
        double[] learned = learnedScores == null ? new double[texts.size()] : Standardized.of(learnedScores);
        return new Evidence(Agreement.scores(task, texts), historyShare(task, texts, history), learned, unreadable);
    }

    /**
     * The parts of one query's candidate scores.
     *
     * @param agreement per candidate, its {@link Agreement}
     * @param history per candidate, its share in the user's history
     * @param learned per candidate, the learned adapter's standardized score (0 without one)
     * @param unreadable per candidate, whether the task cannot read it
     * @since 0.2
     */
    public record Evidence(double[] agreement, double[] history, double[] learned, boolean[] unreadable) {

        /**
         * Combines the parts.
         *
         * @param beta the learned adapter's weight
         * @param gamma the history prior's weight
         * @param first the first candidate's bonus
         * @return per candidate, {@code agreement + gamma * history + beta * learned} (plus {@code first} for the
         *     first candidate), less 100 when unreadable
         */
        public double[] combine(double beta, double gamma, double first) {
            double[] out = new double[agreement.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = agreement[i] + gamma * history[i] + beta * learned[i] + (i == 0 ? first : 0)
                        - (unreadable[i] ? UNREADABLE : 0);
            }
            return out;
        }
    }

    /**
     * Lets the learned adapter prepare a candidate as its sample completes (when its weight is not 0), so that the
     * pool's score finds the learned part done.
     *
     * @param query the query
     * @param candidate the candidate
     * @since 0.4
     */
    @Override
    public void prepare(Query query, Candidate candidate) {
        if (beta > 0) {
            learned.prepare(query, candidate);
        }
    }

    private double[] learnedScores(Query query, List<Candidate> candidates) {
        return learned.score(query, candidates).stream().mapToDouble(Scored::score).toArray();
    }

    /**
     * Per candidate, how much the user's own history gave that answer: for labels and ratings the share of their
     * items with it, for free text the highest similarity to one of their outputs.
     */
    private static double[] historyShare(TaskSpec task, List<String> texts, List<HistoryItem> items) {
        double[] out = new double[texts.size()];
        if (items.isEmpty()) {
            return out;
        }
        if (Agreement.readsLabels(task)) {
            Map<String, Integer> counts = new HashMap<>();
            items.forEach(it -> task.parse(it.output()).ifPresent(v -> counts.merge(v, 1, Integer::sum)));
            for (int i = 0; i < out.length; i++) {
                Optional<String> v = task.parse(texts.get(i));
                out[i] = v.map(x -> counts.getOrDefault(x, 0) / (double) items.size()).orElse(0.0);
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            for (HistoryItem it : items) {
                out[i] = Math.max(out[i], Rouge.meanF(it.output(), texts.get(i)));
            }
        }
        return out;
    }
}

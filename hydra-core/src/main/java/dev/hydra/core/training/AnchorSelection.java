package dev.hydra.core.training;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.anchor.AnchoredAdapter;
import dev.hydra.core.anchor.AnchoredReranker;
import dev.hydra.core.metrics.Rouge;
import dev.hydra.core.pipeline.SamplePool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Chooses the weights of the learned corrections on held-out training queries (cross-fitting: the queries are
 * split into two folds by whole query; each fold is scored by the model trained on the other). The simple choice
 * (the retriever's order; the agreement among the samples or the greedy answer, whichever did better) is kept
 * unless another choice beats it on those queries by more than one standard error of the paired per-query
 * difference: a correction is used only where it did better on queries it had not seen, by more than noise.
 */
final class AnchorSelection {

    /** The reranker weights tried. */
    static final double[] ALPHAS = {0, 0.05, 0.1, 0.2, 0.4, 0.8};
    /** The learned adapter weights tried. */
    static final double[] BETAS = {0, 0.1, 0.25, 0.5, 1};
    /** The history prior weights tried. */
    static final double[] GAMMAS = {0, 0.25, 0.5, 1, 2};
    /** The first (greedy) answer's bonuses tried: none, a tie-breaker, and always unless unreadable. */
    static final double[] FIRSTS = {0, 0.3, 10};

    private final TaskSpec task;
    private final int k;
    private final Map<String, Object> report = new LinkedHashMap<>();

    AnchorSelection(TaskSpec task, int k) {
        this.task = task;
        this.k = k;
    }

    /** The fold of a query, 0 or 1, from its user and id and the seed. */
    static int fold(String user, String queryId, long seed) {
        long h = (user + "\u0000" + queryId).hashCode() * 0x9E3779B97F4A7C15L ^ seed;
        return (int) ((h >>> 17) & 1);
    }

    /**
     * Chooses the reranker's weight: the mean label of the top k after anchored reranking, over every query
     * scored by the reranker of the other fold.
     */
    double alpha(List<TrainingQuery> queries, List<LabeledPair> labels, ToIntFunction<TrainingQuery> foldOf,
            List<Reranker> foldRerankers, int range) {
        Map<String, Boolean> positive = new HashMap<>();
        labels.forEach(
                p -> positive.put(p.user().value() + "\u0000" + p.queryId() + "\u0000" + p.rank(), p.positive()));
        List<double[]> perQuery = new ArrayList<>();
        for (TrainingQuery q : queries) {
            if (q.neighbours().size() < 2) {
                continue;
            }
            Map<String, Integer> rankOf = new HashMap<>();
            for (int r = 0; r < q.neighbours().size(); r++) {
                rankOf.put(q.neighbours().get(r).value().id(), r);
            }
            Query query = new Query(q.user(), q.text(), task.name());
            Reranker learned = foldRerankers.get(foldOf.applyAsInt(q));
            double[] precision = new double[ALPHAS.length];
            for (int a = 0; a < ALPHAS.length; a++) {
                List<Scored<HistoryItem>> top = new AnchoredReranker(learned, new AnchorWeights(ALPHAS[a], range, 0, 0))
                        .rerank(query, q.neighbours(), k);
                double hits = 0;
                for (Scored<HistoryItem> s : top) {
                    hits += positive.getOrDefault(q.user().value() + "\u0000" + q.id() + "\u0000"
                            + rankOf.get(s.value().id()), false) ? 1 : 0;
                }
                precision[a] = hits / Math.max(1, top.size());
            }
            perQuery.add(precision);
        }
        int chosen = choose(perQuery, 0);
        report.put("reranker_queries", perQuery.size());
        report.put("reranker_precision_at_k_retriever", mean(perQuery, 0));
        report.put("reranker_precision_at_k_chosen", mean(perQuery, chosen));
        return ALPHAS[chosen];
    }

    /**
     * Chooses the adapter's weights and whether the task's labels join the pool: the task's score of the chosen
     * answer, over every pool scored by the adapter of the other fold, with the user's history less the query's
     * own item (a pseudo-query's source) for the history prior.
     *
     * @return {@code [beta, gamma, first, labelCandidates ? 1 : 0]}
     */
    double[] adapter(List<AdapterCandidates.Pool> pools, ToIntFunction<TrainingQuery> foldOf,
            List<Adapter> foldAdapters,
            HistoryStore store, int historyWindow) {
        boolean labels = !task.labels().isEmpty() && task.outputKind() != OutputKind.GENERATION;
        List<double[]> configs = new ArrayList<>(); // {labelCandidates, first, beta, gamma}, simplest first
        for (int v = 0; v < (labels ? 2 : 1); v++) {
            for (double first : FIRSTS) {
                for (double beta : BETAS) {
                    for (double gamma : GAMMAS) {
                        configs.add(new double[] {v, first, beta, gamma});
                    }
                }
            }
        }
        List<double[]> perQuery = new ArrayList<>();
        for (AdapterCandidates.Pool pool : pools) {
            if (pool.candidates().isEmpty()) {
                continue;
            }
            TrainingQuery q = pool.query();
            List<HistoryItem> history = store.newest(q.user(), historyWindow).stream()
                    .filter(it -> !it.id().equals(q.id())).toList();
            Adapter learned = foldAdapters.get(foldOf.applyAsInt(q));
            AnchoredAdapter.Evidence[] evidence = new AnchoredAdapter.Evidence[2];
            List<List<String>> texts = List.of(pool.candidates(),
                    labels ? withLabels(pool.candidates()) : pool.candidates());
            for (int v = 0; v < (labels ? 2 : 1); v++) {
                List<Candidate> candidates = new ArrayList<>();
                for (int i = 0; i < texts.get(v).size(); i++) {
                    candidates.add(new Candidate(texts.get(v).get(i), i));
                }
                double[] learnedScores = learned.score(new Query(q.user(), q.text(), task.name()), candidates).stream()
                        .mapToDouble(Scored::score).toArray();
                evidence[v] = AnchoredAdapter.evidence(task, texts.get(v), history, learnedScores);
            }
            double[] quality = new double[configs.size()];
            for (int c = 0; c < quality.length; c++) {
                double[] w = configs.get(c);
                int v = (int) w[0];
                quality[c] = quality(texts.get(v).get(argmax(evidence[v].combine(w[2], w[3], w[1]))), q.gold());
            }
            perQuery.add(quality);
        }
        int agreement = 0;
        int greedy = (FIRSTS.length - 1) * BETAS.length * GAMMAS.length; // {no labels, always first, 0, 0}
        int baseline = mean(perQuery, greedy) > mean(perQuery, agreement) + 1e-9 ? greedy : agreement;
        int chosen = choose(perQuery, baseline);
        report.put("adapter_queries", perQuery.size());
        report.put("adapter_quality_agreement", mean(perQuery, agreement));
        report.put("adapter_quality_greedy", mean(perQuery, greedy));
        report.put("adapter_quality_chosen", mean(perQuery, chosen));
        double[] w = configs.get(chosen);
        return new double[] {w[2], w[3], w[1], w[0]};
    }

    /**
     * The configuration with the best mean over the queries if it beats the baseline by more than one standard
     * error of the paired difference, else the baseline; the first on a tie.
     */
    static int choose(List<double[]> perQuery, int baseline) {
        if (perQuery.isEmpty()) {
            return baseline;
        }
        int configs = perQuery.get(0).length;
        int best = baseline;
        for (int c = 0; c < configs; c++) {
            if (mean(perQuery, c) > mean(perQuery, best) + 1e-9) {
                best = c;
            }
        }
        if (best == baseline) {
            return baseline;
        }
        int n = perQuery.size();
        double meanDiff = mean(perQuery, best) - mean(perQuery, baseline);
        double var = 0;
        for (double[] q : perQuery) {
            double d = q[best] - q[baseline] - meanDiff;
            var += d * d;
        }
        double standardError = n > 1 ? Math.sqrt(var / (n - 1) / n) : Double.POSITIVE_INFINITY;
        return meanDiff > standardError ? best : baseline;
    }

    private static double mean(List<double[]> perQuery, int config) {
        return perQuery.stream().mapToDouble(q -> q[config]).average().orElse(0);
    }

    /** What selection saw: held-out queries and the quality of the simple and the chosen weights. */
    Map<String, Object> report() {
        return report;
    }

    private List<String> withLabels(List<String> sampled) {
        List<String> out = new ArrayList<>(sampled);
        out.addAll(SamplePool.missingLabels(task, sampled));
        return out;
    }

    /** The task's score of one answer: right or wrong, minus the rating error, or the similarity to the gold. */
    private double quality(String answer, String gold) {
        switch (task.outputKind()) {
            case CLASSIFICATION :
                return task.isCorrect(answer, gold) ? 1 : 0;
            case RATING :
                try {
                    double g = Double.parseDouble(task.parse(gold).orElse("3"));
                    return task.parse(answer).map(a -> -Math.abs(Double.parseDouble(a) - g))
                            .orElse(-Math.max(Math.abs(1 - g), Math.abs(5 - g)));
                } catch (NumberFormatException e) {
                    return 0;
                }
            default :
                return Rouge.meanF(gold, answer);
        }
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best] + 1e-9) {
                best = i;
            }
        }
        return best;
    }
}

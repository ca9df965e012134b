package dev.hydra.eval;

import java.util.List;
import java.util.Map;

/**
 * One method on one task and one user sample: its metrics, its cost, and every answer, so that a report can be
 * checked against the raw predictions.
 *
 * @param task the task
 * @param method the method's name
 * @param seed the user sample's seed
 * @param n the test users (one query each)
 * @param metrics the task's metrics over them
 * @param llmRequests the generate calls the method made, cached or not
 * @param llmCalls the generate calls that reached the LLM in the run that produced this result (cache misses)
 * @param samples the answers the method asked the LLM for (requests times N)
 * @param seconds the method's wall time over all test users in that run
 * @param predictions the question id, gold and answer of each test user
 * @param oracle for methods that sample several answers: the task's metrics had the best of each query's samples
 *     been chosen (what a perfect adapter would reach); empty otherwise
 * @param promptsCut the queries whose prompt left demonstrations out to fit the prompt budget
 */
public record MethodResult(String task, String method, long seed, int n, Map<String, Double> metrics, long llmRequests,
        long llmCalls, long samples, double seconds, List<Prediction> predictions, Map<String, Double> oracle,
        int promptsCut) {

    /**
     * A result whose prompts all fit.
     *
     * @param task the task
     * @param method the method
     * @param seed the seed
     * @param n the test users
     * @param metrics the metrics
     * @param llmRequests the generate calls
     * @param llmCalls the cache misses
     * @param samples the answers asked for
     * @param seconds the wall time
     * @param predictions the answers
     * @param oracle the best-of-samples metrics
     */
    public MethodResult(String task, String method, long seed, int n, Map<String, Double> metrics, long llmRequests,
            long llmCalls, long samples, double seconds, List<Prediction> predictions, Map<String, Double> oracle) {
        this(task, method, seed, n, metrics, llmRequests, llmCalls, samples, seconds, predictions, oracle, 0);
    }

    /** Copies the collections; a result kept by an older version has no oracle. */
    public MethodResult {
        metrics = Map.copyOf(metrics);
        predictions = List.copyOf(predictions);
        oracle = oracle == null ? Map.of() : Map.copyOf(oracle);
    }

    /**
     * One answer.
     *
     * @param id the question id
     * @param gold the gold output
     * @param answer the method's answer as read by the task (the raw text when unreadable)
     * @param candidates every sampled answer, read the same way, in sample order
     */
    public record Prediction(String id, String gold, String answer, List<String> candidates) {

        /** Copies the candidates; a prediction kept by an older version has none. */
        public Prediction {
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
        }
    }
}

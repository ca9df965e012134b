package dev.hydra.examples.eval;

/**
 * What training and fitting cost for one task and user sample.
 *
 * @param task the task
 * @param seed the user sample's seed
 * @param trainUsers the training users
 * @param testUsers the test users whose heads were fitted
 * @param rerankerPairs the reranker's labeled training pairs
 * @param adapterPairs the adapter's labeled training pairs
 * @param llmCalls LLM calls that training and fitting made in this run (cache misses)
 * @param seconds their wall time in this run
 */
public record TrainingRecord(String task, long seed, int trainUsers, int testUsers, int rerankerPairs, int adapterPairs,
        long llmCalls, double seconds) {}

package dev.hydra.eval;

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
 * @param fitCalls of {@code llmCalls}, those that fitting the test users made
 * @param rerankerHeads test users who kept a reranker head of their own
 * @param adapterHeads test users who kept an adapter head of their own
 * @param anchors the weights training chose ({@code reranker_alpha}, {@code adapter_beta}, ...) and whether the
 *     labels join the pool ({@code label_candidates})
 * @param selection what the choice saw on held-out training queries: the simple and the chosen quality
 */
public record TrainingRecord(String task, long seed, int trainUsers, int testUsers, int rerankerPairs, int adapterPairs,
        long llmCalls, double seconds, long fitCalls, int rerankerHeads, int adapterHeads,
        java.util.Map<String, Object> anchors, java.util.Map<String, Object> selection) {

    /**
     * The same costs with this run's choices (a resumed run keeps the costs of the run that did the work).
     *
     * @param now the record of this run
     * @return the costs of this record with the heads, weights and selection of {@code now}
     */
    TrainingRecord withChoicesOf(TrainingRecord now) {
        return new TrainingRecord(task, seed, trainUsers, testUsers, rerankerPairs, adapterPairs, llmCalls, seconds,
                fitCalls, now.rerankerHeads, now.adapterHeads, now.anchors, now.selection);
    }
}

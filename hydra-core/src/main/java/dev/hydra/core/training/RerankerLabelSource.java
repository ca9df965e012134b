package dev.hydra.core.training;

/**
 * Where the answer comes from that decides whether a history item helps a training query.
 *
 * @since 0.2
 */
public enum RerankerLabelSource {

    /** HYDRA's labels: the black box answers a one-shot prompt with the item; one LLM call per pair. */
    LLM,

    /**
     * No LLM call: the item's own output stands for the answer it would lead to (a small model mostly copies
     * its demonstrations), judged against the query's gold as an LLM answer would be.
     */
    OUTPUT
}

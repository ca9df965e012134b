package dev.hydra.core.osgi.internal;

/**
 * The Configuration Admin properties of a pipeline (PID {@code dev.hydra.pipeline}), as a DS component property
 * type (public, so that SCR can implement it); the defaults are HYDRA's numbers, BM25 over the Lucene store,
 * and the chat task.
 */
public @interface PipelineConfig {

    /**
     * The retriever's name.
     *
     * @return the name
     */
    String retriever() default "bm25";

    /**
     * The history store's name.
     *
     * @return the name
     */
    String store() default "lucene";

    /**
     * The black box's name; required.
     *
     * @return the name
     */
    String backend();

    /**
     * The default task's name.
     *
     * @return the name
     */
    String task() default "chat";

    /**
     * The reranker's name, empty for none.
     *
     * @return the name
     */
    String reranker() default "";

    /**
     * The adapter's name, empty for none.
     *
     * @return the name
     */
    String adapter() default "";

    /**
     * Items retrieved.
     *
     * @return M
     */
    int m() default 10;

    /**
     * Demonstrations kept.
     *
     * @return k
     */
    int k() default 4;

    /**
     * Answers sampled.
     *
     * @return N
     */
    int n() default 8;

    /**
     * Sampling temperature.
     *
     * @return the temperature
     */
    double temperature() default 1.0;

    /**
     * Most new tokens of an answer.
     *
     * @return the limit
     */
    int maxTokens() default 64;

    /**
     * Seed of the first sample.
     *
     * @return the seed
     */
    long seed() default 0L;
}

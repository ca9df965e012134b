/**
 * The evaluation harness behind {@code hydra eval}: the methods HYDRA is compared with (each a configuration of
 * the same pipeline, plus two baselines without an LLM), the protocol (bases trained on training users, test users'
 * heads fitted from their own profiles only, explicit seeds, repeated user samples), and the reports
 * ({@code results.json}, {@code results.md}, {@code results.png}). Runs are resumable: finished methods are kept
 * under {@code OUT/partial}, and every LLM call goes through the response cache.
 */
package dev.hydra.eval;

/**
 * {@code hydra bench}: benchmarks of latency, throughput and size, one subcommand each (retrieval, heads, llm,
 * decorator), each writing its figures as JSON.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.eval.bench;

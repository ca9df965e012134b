/**
 * {@code hydra bench}: benchmarks of latency, throughput and size. {@code bench retrieval} is here; other
 * benchmarks join as further subcommands of {@link dev.hydra.examples.cli.bench.BenchCommand}.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.examples.cli.bench;

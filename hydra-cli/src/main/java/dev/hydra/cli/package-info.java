/**
 * The {@code hydra} command line: one picocli command per job (demo, eval, bench, ...), run by the
 * {@code ./hydra} launcher at the repository root.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.cli;

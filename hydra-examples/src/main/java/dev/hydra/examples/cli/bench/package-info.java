/**
 * The {@code hydra bench} commands: measurements written as JSON. Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.examples.cli.bench;

/**
 * The implementation of the PostgreSQL stores: row mapping, checksums, the per-user vector cache and the
 * listener that invalidates cached heads. Not exported; use {@code dev.hydra.postgres}.
 *
 * @since 0.1
 */
package dev.hydra.postgres.internal;

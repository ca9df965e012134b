/**
 * {@code hydra check reliability}: seeded scenarios that load, erase, crash, starve and feed garbage to Hydra's
 * embedded defaults and count what went wrong (cross-user leaks, erasure residue, lost acknowledged writes,
 * lost requests, uncaught exceptions), written to {@code reliability.json}.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.1
 */
package dev.hydra.it.reliability;

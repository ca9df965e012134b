/**
 * Micrometer metrics of Hydra's pipeline: {@link dev.hydra.micrometer.HydraMetrics} is a
 * {@link dev.hydra.core.pipeline.HydraListener} that records stage timers, plugin failures, degradations, sample
 * counts and cache hits, tagged by stage and plugin, never by user.
 *
 * @since 0.2
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.hydra.micrometer;

/**
 * Reading history and benchmark data: LaMP-format questions and profiles ({@link dev.hydra.core.data.LampReader},
 * {@link dev.hydra.core.data.LampDataset}), JSON Lines of history items
 * ({@link dev.hydra.core.data.JsonlHistoryReader}), and all-or-nothing ingest into a
 * {@link dev.hydra.api.spi.HistoryStore} ({@link dev.hydra.core.data.HistoryIngest}).
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.core.data;

package dev.hydra.api.spi;

/**
 * What kind of answer a task expects; it decides labels, parsing and metrics.
 *
 * @since 0.1
 */
public enum OutputKind {
    /** One label of a fixed set (LaMP-1, LaMP-2). Metrics: accuracy, macro-F1. */
    CLASSIFICATION,
    /** A number on a scale, "1" to "5" (LaMP-3). Metrics: MAE, RMSE. */
    RATING,
    /** Free text (LaMP-4 to 7, chat). Metrics: ROUGE-1, ROUGE-L, BLEU. */
    GENERATION
}

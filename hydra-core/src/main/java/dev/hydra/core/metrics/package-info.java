/**
 * The evaluation metrics of the LaMP tasks, each equal to the Python implementation the HYDRA and LaMP
 * papers report with.
 *
 * <p>{@link dev.hydra.core.metrics.Metrics} is the entry point: one call per
 * {@link dev.hydra.api.spi.OutputKind} returns the metrics of a whole evaluation set under the keys
 * {@code accuracy}, {@code f1} (classification), {@code mae}, {@code rmse} (rating), {@code rouge1},
 * {@code rougeL} and {@code bleu} (generation). The classes behind it each reproduce one reference:
 * <ul>
 *   <li>{@link dev.hydra.core.metrics.Classification}: LaMP's/HYDRA's {@code create_metric_f1_accuracy_chatgpt}
 *       (output post-processing, scikit-learn accuracy and macro-F1);</li>
 *   <li>{@link dev.hydra.core.metrics.Rating}: LaMP's/HYDRA's {@code create_metric_mae_rmse_chatgpt} and
 *       LaMP {@code eval/evaluation.py} (first integer; an unparsable answer scores the worse of 1 and 5);</li>
 *   <li>{@link dev.hydra.core.metrics.Rouge}: the {@code rouge-score} package with its defaults;</li>
 *   <li>{@link dev.hydra.core.metrics.SacreBleu}: {@code sacrebleu.corpus_bleu} with its defaults;</li>
 *   <li>{@link dev.hydra.core.metrics.GenerationMetrics}: HYDRA's {@code create_metric_bleu_rouge_meteor_chatgpt}
 *       (strip, ROUGE averaged over pairs, corpus BLEU).</li>
 * </ul>
 * Parity is proven by golden values that {@code scripts/golden/metrics_golden.py} computed with those
 * packages. Every method is stateless and safe for concurrent use; arguments are never {@code null}, and an
 * invalid argument raises an {@link java.lang.IllegalArgumentException} that names it.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.hydra.core.metrics;

package dev.hydra.core.metrics;

import dev.hydra.api.spi.OutputKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The metrics of an evaluation set, by output kind, under the keys HYDRA's tables use.
 *
 * <p>Each method reproduces the Python code the LaMP and HYDRA papers report with; see
 * {@link Classification}, {@link Rating} and {@link GenerationMetrics} for the exact rules. Results are unmodifiable
 * maps in the order of the keys below. Example:
 * <pre>{@code
 * Map<String, Double> m = Metrics.forKind(OutputKind.GENERATION, outputs, golds, List.of());
 * double bleu = m.get(Metrics.BLEU);
 * }</pre>
 *
 * @since 0.1
 */
public final class Metrics {

    /** Share of exact label matches, in [0, 1] (classification). */
    public static final String ACCURACY = "accuracy";
    /** Macro-F1 over the whole label set, in [0, 1] (classification). */
    public static final String F1 = "f1";
    /** Mean absolute error (rating). */
    public static final String MAE = "mae";
    /** Root mean squared error (rating). */
    public static final String RMSE = "rmse";
    /** Mean ROUGE-1 F-measure, in [0, 1] (generation). */
    public static final String ROUGE_1 = "rouge1";
    /** Mean ROUGE-L F-measure, in [0, 1] (generation). */
    public static final String ROUGE_L = "rougeL";
    /** Corpus BLEU, in [0, 100] (generation). */
    public static final String BLEU = "bleu";

    private Metrics() {}

    /**
     * Accuracy and macro-F1, as LaMP's/HYDRA's {@code create_metric_f1_accuracy_chatgpt}.
     *
     * @param predictions the raw answers, never {@code null}, not empty
     * @param golds the golds, parallel to {@code predictions}, each one of {@code labels}
     * @param labels the task's label set, never {@code null}, not empty
     * @return {@link #ACCURACY} and {@link #F1}
     * @throws IllegalArgumentException on invalid arguments, see {@link Classification#score}
     */
    public static Map<String, Double> classification(List<String> predictions, List<String> golds,
            List<String> labels) {
        return Collections.unmodifiableMap(Classification.score(predictions, golds, labels));
    }

    /**
     * MAE and RMSE, as LaMP's/HYDRA's {@code create_metric_mae_rmse_chatgpt}.
     *
     * @param predictions the raw answers, never {@code null}, not empty
     * @param golds the golds, parallel to {@code predictions}, each holding an integer
     * @return {@link #MAE} and {@link #RMSE}
     * @throws IllegalArgumentException on invalid arguments, see {@link Rating#score}
     */
    public static Map<String, Double> rating(List<String> predictions, List<String> golds) {
        return Collections.unmodifiableMap(Rating.score(predictions, golds));
    }

    /**
     * ROUGE-1, ROUGE-L and corpus BLEU, as HYDRA's {@code create_metric_bleu_rouge_meteor_chatgpt}.
     *
     * @param predictions the generated texts, never {@code null}, not empty
     * @param golds the references, parallel to {@code predictions}
     * @return {@link #ROUGE_1}, {@link #ROUGE_L} and {@link #BLEU}
     * @throws IllegalArgumentException on invalid arguments, see {@link GenerationMetrics#score}
     */
    public static Map<String, Double> generation(List<String> predictions, List<String> golds) {
        return Collections.unmodifiableMap(GenerationMetrics.score(predictions, golds));
    }

    /**
     * The metrics of an output kind.
     *
     * @param kind the task's output kind, never {@code null}
     * @param predictions the answers, never {@code null}, not empty
     * @param golds the golds, parallel to {@code predictions}
     * @param labels the label set for {@link OutputKind#CLASSIFICATION}; ignored (may be empty) otherwise;
     *     never {@code null}
     * @return the kind's metrics: as {@link #classification}, {@link #rating} or {@link #generation}
     * @throws IllegalArgumentException when an argument is {@code null} or invalid for the kind
     */
    public static Map<String, Double> forKind(
            OutputKind kind, List<String> predictions, List<String> golds, List<String> labels) {
        Args.notNull(kind, "kind");
        Args.texts(labels, "labels");
        switch (kind) {
            case CLASSIFICATION :
                return classification(predictions, golds, labels);
            case RATING :
                return rating(predictions, golds);
            case GENERATION :
                return generation(predictions, golds);
            default :
                throw new IllegalArgumentException("unsupported kind " + kind);
        }
    }
}

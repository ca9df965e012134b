package dev.hydra.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-1, ROUGE-L and corpus BLEU of generated texts, as HYDRA's {@code create_metric_bleu_rouge_meteor_chatgpt}
 * ({@code metrics/generation_metrics.py}) computes them.
 *
 * <p>Outputs and golds are first stripped (Python's {@code str.strip()}, its {@code postprocess_text}). ROUGE
 * is HF {@code evaluate}'s "rouge" with its defaults: {@link Rouge} F-measure per pair, aggregated as the mean
 * over pairs. BLEU is HF {@code evaluate}'s "sacrebleu", i.e. {@link SacreBleu#corpusBleu} on the 0-100 scale.
 *
 * <p>Note: {@code evaluate}'s default aggregator reports the median of 1000 bootstrap means, which is random
 * (unseeded numpy) and differs from the plain mean in the third or fourth decimal on small sets; the plain
 * mean is what that estimate targets, and it is reproducible.
 *
 * @since 0.1
 */
public final class GenerationMetrics {

    private GenerationMetrics() {}

    /**
     * ROUGE-1, ROUGE-L (mean F-measure) and corpus BLEU of generated texts against golds.
     *
     * @param predictions the generated texts, never {@code null}, not empty, no {@code null} element
     * @param golds the reference texts, parallel to {@code predictions}
     * @return {@code rouge1} and {@code rougeL} in [0, 1], {@code bleu} in [0, 100]
     * @throws IllegalArgumentException when a list is {@code null}, holds {@code null}, is empty, or the sizes
     *     differ
     */
    public static Map<String, Double> score(List<String> predictions, List<String> golds) {
        Args.pairs(predictions, "predictions", golds, "golds");
        List<String> outputs = new ArrayList<>(predictions.size());
        List<String> references = new ArrayList<>(golds.size());
        double rouge1 = 0.0;
        double rougeL = 0.0;
        for (int i = 0; i < predictions.size(); i++) {
            String output = PythonText.strip(predictions.get(i));
            String reference = PythonText.strip(golds.get(i));
            outputs.add(output);
            references.add(reference);
            rouge1 += Rouge.rouge1(reference, output).fmeasure();
            rougeL += Rouge.rougeL(reference, output).fmeasure();
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put(Metrics.ROUGE_1, rouge1 / predictions.size());
        result.put(Metrics.ROUGE_L, rougeL / predictions.size());
        result.put(Metrics.BLEU, SacreBleu.corpusBleu(outputs, references).score());
        return result;
    }
}

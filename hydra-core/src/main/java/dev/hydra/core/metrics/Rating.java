package dev.hydra.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * MAE and RMSE of free-text ratings, as LaMP's and HYDRA's {@code create_metric_mae_rmse_chatgpt} with
 * LaMP's rule for an unparsable answer ({@code eval/evaluation.py}).
 *
 * <p>Prediction and gold each read as the first run of decimal digits in them (Python's {@code \d+}, which
 * includes non-ASCII digits such as {@code "٣"}), as a number: {@code "4.5"} reads 4, {@code "-2"} reads 2,
 * {@code "3/5"} reads 3. An answer without digits scores the worse of 1.0 and 5.0: 1.0 when it is farther
 * from the gold, else 5.0. MAE and RMSE are scikit-learn's {@code mean_absolute_error} and the square root of
 * {@code mean_squared_error}.
 *
 * @since 0.1
 */
public final class Rating {

    private Rating() {}

    /**
     * The first run of decimal digits in a text, as a number ({@code float(re.findall(r"\d+", text)[0])}).
     *
     * @param text the text, never {@code null}
     * @return the number, or empty when the text has no digit
     * @throws IllegalArgumentException when {@code text} is {@code null}
     */
    public static OptionalDouble firstInteger(String text) {
        Args.notNull(text, "text");
        StringBuilder digits = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Character.isDigit(cp)) {
                digits.append((char) ('0' + Character.digit(cp, 10)));
            } else if (digits.length() > 0) {
                break;
            }
            i += Character.charCount(cp);
        }
        return digits.length() == 0 ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(digits.toString()));
    }

    /**
     * The value a predicted rating scores with: its first integer, or the worse of 1.0 and 5.0 for this gold.
     *
     * @param prediction the raw answer, never {@code null}
     * @param gold the gold value
     * @return the prediction's value
     * @throws IllegalArgumentException when {@code prediction} is {@code null}
     */
    public static double predictionValue(String prediction, double gold) {
        OptionalDouble value = firstInteger(Args.notNull(prediction, "prediction"));
        if (value.isPresent()) {
            return value.getAsDouble();
        }
        return Math.abs(1 - gold) > Math.abs(5 - gold) ? 1.0 : 5.0;
    }

    /**
     * MAE and RMSE of answers against golds.
     *
     * @param predictions the raw answers, never {@code null}, not empty, no {@code null} element
     * @param golds the golds, parallel to {@code predictions}; each must contain a digit
     * @return {@code mae} and {@code rmse}
     * @throws IllegalArgumentException when a list is {@code null}, holds {@code null}, is empty, the sizes
     *     differ, or a gold has no digit (the reference fails on it too)
     */
    public static Map<String, Double> score(List<String> predictions, List<String> golds) {
        Args.pairs(predictions, "predictions", golds, "golds");
        double absolute = 0.0;
        double squared = 0.0;
        for (int i = 0; i < predictions.size(); i++) {
            OptionalDouble gold = firstInteger(golds.get(i));
            if (gold.isEmpty()) {
                throw new IllegalArgumentException("golds[" + i + "] \"" + golds.get(i) + "\" holds no integer");
            }
            double error = predictionValue(predictions.get(i), gold.getAsDouble()) - gold.getAsDouble();
            absolute += Math.abs(error);
            squared += error * error;
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put(Metrics.MAE, absolute / predictions.size());
        result.put(Metrics.RMSE, Math.sqrt(squared / predictions.size()));
        return result;
    }
}

package dev.hydra.core.task;

import dev.hydra.api.spi.OutputKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task whose answer is a rating from 1 to 5 (LaMP-3, product_rating).
 *
 * <p>{@link #parse} takes the first integer of the answer, as LaMP's metric does, and accepts it when it is
 * on the scale.
 */
public final class RatingTask extends TemplateTask {

    private static final Pattern INTEGER = Pattern.compile("\\d+");
    private static final List<String> LABELS = List.of("1", "2", "3", "4", "5");

    /**
     * Creates the task.
     *
     * @param name the task's name
     * @param prefix the template before the text
     */
    public RatingTask(String name, String prefix) {
        super(name, prefix);
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.RATING;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public Optional<String> parse(String answer) {
        Matcher m = INTEGER.matcher(answer);
        if (!m.find()) {
            return Optional.empty();
        }
        String digits = m.group().replaceFirst("^0+(?=\\d)", "");
        return LABELS.contains(digits) ? Optional.of(digits) : Optional.empty();
    }
}

package dev.hydra.core.task;

import dev.hydra.api.spi.OutputKind;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A task whose answer is one label of a fixed set (LaMP-1, LaMP-2 news and movies).
 *
 * <p>{@link #parse} first applies LaMP's reference rule ({@code postprocess_text_cls}: lower case, strip, cut at
 * the first {@code ','} and {@code '!'}, keep up to the first {@code ']'}, then an exact label match); when that
 * finds nothing it takes the label that occurs earliest in the answer as a whole phrase (longest label first
 * on a tie), so that "Comedy." reads as {@code comedy}. The metrics apply the reference rule alone.
 */
public final class ClassificationTask extends TemplateTask {

    private final List<String> labels;

    /**
     * Creates the task.
     *
     * @param name the task's name
     * @param prefix the template before the text
     * @param labels the labels, in canonical (lower-case) form
     */
    public ClassificationTask(String name, String prefix, List<String> labels) {
        super(name, prefix);
        this.labels = List.copyOf(labels);
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("a classification task needs at least one label: " + name);
        }
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.CLASSIFICATION;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public Optional<String> parse(String answer) {
        String reference = referenceNormalize(answer);
        if (labels.contains(reference)) {
            return Optional.of(reference);
        }
        String lower = answer.toLowerCase(Locale.ROOT);
        return labels.stream()
                .filter(label -> indexOfPhrase(lower, label) >= 0)
                .min(Comparator.<String>comparingInt(label -> indexOfPhrase(lower, label))
                        .thenComparing(Comparator.comparingInt(String::length).reversed()));
    }

    /**
     * LaMP's {@code postprocess_text_cls} for a prediction.
     *
     * @param answer the raw answer
     * @return the normalized answer
     */
    static String referenceNormalize(String answer) {
        String s = answer.toLowerCase(Locale.ROOT).strip();
        int bracket = s.indexOf(']');
        if (bracket >= 0) {
            s = s.substring(0, bracket + 1);
        }
        s = cutAt(s, ',');
        s = cutAt(s, '!');
        return s.strip();
    }

    private static String cutAt(String s, char c) {
        int i = s.indexOf(c);
        return i >= 0 ? s.substring(0, i) : s;
    }

    private static int indexOfPhrase(String text, String phrase) {
        int from = 0;
        while (true) {
            int i = text.indexOf(phrase, from);
            if (i < 0) {
                return -1;
            }
            int end = i + phrase.length();
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return i;
            }
            from = i + 1;
        }
    }
}

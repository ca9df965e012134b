package dev.hydra.core.task;

import dev.hydra.api.spi.OutputKind;
import java.util.Optional;

/**
 * A task whose answer is free text (LaMP-4 to LaMP-7, news_headline, review_title).
 *
 * <p>{@link #parse} strips the answer and drops one pair of enclosing quotes, which small chat models add to
 * titles; an empty answer cannot be read.
 */
public final class GenerationTask extends TemplateTask {

    /**
     * Creates the task.
     *
     * @param name the task's name
     * @param prefix the template before the text
     */
    public GenerationTask(String name, String prefix) {
        super(name, prefix);
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.GENERATION;
    }

    @Override
    public Optional<String> parse(String answer) {
        String s = answer.strip();
        int firstLine = s.indexOf('\n');
        if (firstLine > 0) {
            s = s.substring(0, firstLine).strip();
        }
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}

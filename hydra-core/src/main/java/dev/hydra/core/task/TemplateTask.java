package dev.hydra.core.task;

import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.TaskSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task whose prompt is a fixed template around the raw text, {@code prefix + text}, as LaMP's are.
 *
 * <p>{@link #formatQuery} is idempotent: LaMP's own question inputs already carry the template, so a text that
 * starts with the prefix is used as it is (hydra-method.md §9, decision 3), and {@link #rawText} strips it,
 * which is what retrieval matches on (LaMP's {@code rank_profiles.py} retrieves with the text after the
 * template).
 */
public abstract class TemplateTask implements TaskSpec {

    private final String name;
    private final String prefix;

    /**
     * Creates the task.
     *
     * @param name the task's name
     * @param prefix the template text before the raw text
     */
    protected TemplateTask(String name, String prefix) {
        this.name = dev.hydra.api.spi.Plugin.checkName(name);
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * The template text before the raw text.
     *
     * @return the prefix
     */
    public final String prefix() {
        return prefix;
    }

    @Override
    public String formatQuery(String text) {
        return text.startsWith(prefix) ? text : prefix + text;
    }

    /**
     * Strips the template from a query text, if it carries it.
     *
     * @param text a raw or templated text
     * @return the raw text
     */
    public String rawText(String text) {
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    @Override
    public abstract OutputKind outputKind();

    @Override
    public List<String> labels() {
        return List.of();
    }

    @Override
    public abstract Optional<String> parse(String answer);

    @Override
    public String toString() {
        return name + " (" + outputKind().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}

package dev.hydra.api.spi;

import java.util.regex.Pattern;

/**
 * What every extension point has in common: a name by which configurations select it.
 *
 * <p>A name is 1 to 64 characters of {@code [a-z0-9._-]}, starting with a letter or digit (see
 * {@link #NAME_RULE}). Names are persisted in model manifests, so a plugin keeps its name for life.
 *
 * @since 0.1
 */
public interface Plugin {

    /** The rule every plugin name follows. */
    String NAME_RULE = "1 to 64 characters of [a-z0-9._-], starting with a letter or digit";

    /**
     * The plugin's name, unique within its extension point.
     *
     * @return the name; follows {@link #NAME_RULE}
     */
    String name();

    /**
     * Checks a plugin name against {@link #NAME_RULE}.
     *
     * @param name the name to check
     * @return the name
     * @throws IllegalArgumentException when the name breaks the rule; the message quotes both
     */
    static String checkName(String name) {
        if (name == null || !NamePattern.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid plugin name "
                    + (name == null ? "null" : '"' + name + '"') + ": a plugin name is " + NAME_RULE);
        }
        return name;
    }
}

/** Holds the compiled name pattern out of the interface's public surface. */
final class NamePattern {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private NamePattern() {}
}

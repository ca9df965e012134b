package dev.hydra.api;

import java.util.Locale;
import java.util.Objects;

/** Argument checks shared by the records of this package; messages name the argument and the rule. */
final class Checks {

    private Checks() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    /** Quotes a value for an error message, cut to a readable length. */
    static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "...(" + value.length() + " chars)" : value;
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('"');
        shown.chars().forEach(c -> quoted.append(c == '\n' ? "\\n"
                : Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c)));
        return quoted.append('"').toString();
    }
}

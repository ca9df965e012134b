package dev.hydra.core.metrics;

import java.util.List;

/** Argument checks of this package; each message names the argument and the rule it broke. */
final class Args {

    private Args() {}

    /** Checks that a value is not {@code null}. */
    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Checks that a list and all of its elements are not {@code null}. */
    static List<String> texts(List<String> values, String name) {
        notNull(values, name);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
        }
        return values;
    }

    /**
     * Checks two parallel lists: neither is {@code null} nor holds {@code null}, both have the same size, and
     * they are not empty (no reference metric is defined on an empty set).
     */
    static void pairs(List<String> first, String firstName, List<String> second, String secondName) {
        texts(first, firstName);
        texts(second, secondName);
        if (first.size() != second.size()) {
            throw new IllegalArgumentException(firstName + " and " + secondName + " must have the same size, were "
                    + first.size() + " and " + second.size());
        }
        if (first.isEmpty()) {
            throw new IllegalArgumentException(firstName + " and " + secondName + " must not be empty");
        }
    }
}

package dev.hydra.it.reliability;

import dev.hydra.api.HydraException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts how malformed inputs ended: accepted, rejected with a documented exception ({@link HydraException}
 * and its subclasses, {@link IllegalArgumentException} other than a bare {@link NumberFormatException}), or
 * uncaught (anything else: a NullPointerException, ClassCastException, StackOverflowError, ...).
 */
final class Tally {

    private final Map<String, long[]> byTarget = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();

    /** An action on one malformed input. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    void run(String target, Action action) {
        long[] counts = byTarget.computeIfAbsent(target, t -> new long[3]);
        try {
            action.run();
            counts[0]++;
        } catch (Throwable t) {
            if (documented(t)) {
                counts[1]++;
            } else {
                counts[2]++;
                if (examples.size() < 20) {
                    String message = String.valueOf(t.getMessage());
                    examples.add(target + ": " + t.getClass().getName() + ": "
                            + (message.length() > 200 ? message.substring(0, 200) + "..." : message)
                            + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : ""));
                }
            }
        }
    }

    static boolean documented(Throwable t) {
        boolean known = t instanceof HydraException
                || (t instanceof IllegalArgumentException && !(t instanceof NumberFormatException));
        return known && t.getMessage() != null && !t.getMessage().isBlank();
    }

    long total() {
        return byTarget.values().stream().mapToLong(c -> c[0] + c[1] + c[2]).sum();
    }

    long uncaught() {
        return byTarget.values().stream().mapToLong(c -> c[2]).sum();
    }

    Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bad_inputs", total());
        out.put("uncaught", uncaught());
        Map<String, Object> targets = new LinkedHashMap<>();
        byTarget.forEach((t, c) -> targets.put(t, Map.of("inputs", c[0] + c[1] + c[2], "accepted", c[0],
                "rejected_clearly", c[1], "uncaught", c[2])));
        out.put("targets", targets);
        out.put("uncaught_examples", examples);
        return out;
    }
}

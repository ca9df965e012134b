package dev.hydra.core.erasure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds whether a text contains any of many needles in one pass (Rabin-Karp over the needles' first
 * {@value #WINDOW} characters). Needles shorter than {@value #WINDOW} characters are ignored: texts that short
 * (a label, a rating) are shared by many users and identify no one.
 */
final class NeedleSearch {

    /** The shortest needle searched for, and the width of the rolling hash. */
    static final int WINDOW = 8;

    private static final long BASE = 1_000_003L;
    private static final long TOP = power(BASE, WINDOW - 1);

    private final Map<Long, List<String>> byPrefix = new HashMap<>();

    NeedleSearch(Collection<String> needles) {
        for (String n : needles) {
            if (n.length() >= WINDOW) {
                byPrefix.computeIfAbsent(hash(n), h -> new ArrayList<>()).add(n);
            }
        }
    }

    /** Whether there is no needle to look for. */
    boolean isEmpty() { return byPrefix.isEmpty(); }

    /** Whether the text contains at least one needle. */
    boolean foundIn(String text) {
        if (byPrefix.isEmpty() || text.length() < WINDOW) {
            return false;
        }
        long h = hash(text);
        for (int i = 0;; i++) {
            List<String> candidates = byPrefix.get(h);
            if (candidates != null) {
                for (String n : candidates) {
                    if (text.startsWith(n, i)) {
                        return true;
                    }
                }
            }
            if (i + WINDOW >= text.length()) {
                return false;
            }
            h = (h - text.charAt(i) * TOP) * BASE + text.charAt(i + WINDOW);
        }
    }

    private static long hash(String s) {
        long h = 0;
        for (int i = 0; i < WINDOW; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    private static long power(long base, int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= base;
        }
        return p;
    }
}

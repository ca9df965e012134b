package dev.hydra.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} primitives the reference metrics rely on, with Python's semantics.
 *
 * <p>Python's {@code str.strip()} and {@code str.split()} treat as whitespace every character for which
 * {@code str.isspace()} holds (Unicode White_Space plus the four ASCII information separators), which is
 * neither {@link Character#isWhitespace(int)} nor {@link String#strip()}. Every such character is in the BMP,
 * so scanning UTF-16 units is exact.
 */
final class PythonText {

    private PythonText() {}

    /** Whether Python 3's {@code str.isspace()} holds for this code point. */
    static boolean isSpace(int codePoint) {
        return (codePoint >= 0x09 && codePoint <= 0x0D)
                || (codePoint >= 0x1C && codePoint <= 0x20)
                || codePoint == 0x85
                || codePoint == 0xA0
                || codePoint == 0x1680
                || (codePoint >= 0x2000 && codePoint <= 0x200A)
                || codePoint == 0x2028
                || codePoint == 0x2029
                || codePoint == 0x202F
                || codePoint == 0x205F
                || codePoint == 0x3000;
    }

    /** Python's {@code text.strip()}. */
    static String strip(String text) {
        int end = rstripEnd(text);
        int start = 0;
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        return text.substring(start, end);
    }

    /** Python's {@code text.rstrip()}. */
    static String rstrip(String text) {
        return text.substring(0, rstripEnd(text));
    }

    private static int rstripEnd(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Python's {@code text.split()}: the runs of non-whitespace characters. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isSpace(text.charAt(i))) {
                if (start >= 0) {
                    parts.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** Python's {@code text.lower()} (full Unicode case mapping, no locale). */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

package dev.hydra.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity of one user whose history, heads and cache entries Hydra keeps apart from everyone else's.
 *
 * <p>A user id is the application's own id for the user: any text that is not blank, has at most
 * {@value #MAX_LENGTH} characters (code points) and no control characters or unpaired surrogates. Unicode, spaces,
 * slashes and dots are fine ({@code "José"}, {@code "alice smith"}, {@code "user/42"}, even {@code "../x"}). The
 * id is normalised to Unicode NFC, so that {@code "Jos\u00e9"} and {@code "Jose\u0301"} are one user; it is
 * otherwise kept as given (no trimming, no case folding).
 *
 * <p>Storage never uses the raw id where it could mean something else: a file name is made from a hash of the id,
 * an index keeps it as a single exact term. Implementations of the SPI must do the same.
 *
 * @param value the id, NFC-normalised; never {@code null}
 * @since 0.1
 */
public record UserId(String value) implements Comparable<UserId> {

    /** The most characters (Unicode code points) of a user id. */
    public static final int MAX_LENGTH = 256;

    /** The rule every user id follows, quoted in the error message of a rejected id. */
    public static final String RULE = "any text that is not blank, of at most " + MAX_LENGTH
            + " characters, without control characters (such as line breaks) or unpaired surrogates";

    /**
     * Normalises the id to NFC and validates it.
     *
     * @throws IllegalArgumentException when the id breaks {@link #RULE}; the message quotes the id and the rule
     */
    public UserId {
        Checks.notNull(value, "user id");
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid user id " + Checks.quote(value) + " (" + problem
                    + "): a user id is " + RULE + ". Use the application's own id for the user");
        }
    }

    /**
     * Returns the user id for a string.
     *
     * @param value the id; see {@link #RULE}
     * @return the user id, NFC-normalised
     * @throws IllegalArgumentException when the id breaks {@link #RULE}
     */
    public static UserId of(String value) {
        return new UserId(value);
    }

    private static String problem(String value) {
        if (value.isBlank()) {
            return "blank";
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            return value.codePointCount(0, value.length()) + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return "control character U+" + String.format(Locale.ROOT, "%04X", (int) c) + " at index " + i;
            }
            boolean pair = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (Character.isHighSurrogate(c) && pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "unpaired surrogate at index " + i;
            }
        }
        return null;
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

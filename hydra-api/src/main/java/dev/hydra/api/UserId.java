package dev.hydra.api;

import java.util.regex.Pattern;

/**
 * The identity of one user whose history, heads and cache entries Hydra keeps apart from everyone else's.
 *
 * <p>A user id is 1 to 128 characters of {@code [A-Za-z0-9._@:-]}: safe in file names (after
 * hashing), index terms and log lines. It may not be {@code "."} or {@code ".."}.
 *
 * @param value the id as given; never {@code null}
 * @since 0.1
 */
public record UserId(String value) implements Comparable<UserId> {

    /** The rule every user id follows, quoted in the error message of a rejected id. */
    public static final String RULE = "1 to 128 characters of [A-Za-z0-9._@:-], not \".\" or \"..\"";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

    /**
     * Validates the id.
     *
     * @throws IllegalArgumentException when the id breaks {@link #RULE}; the message quotes the id and the rule
     */
    public UserId {
        Checks.notNull(value, "user id");
        if (!ALLOWED.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(
                    "invalid user id " + Checks.quote(value) + ": a user id is " + RULE);
        }
    }

    /**
     * Returns the user id for a string.
     *
     * @param value the id; see {@link #RULE}
     * @return the user id
     */
    public static UserId of(String value) {
        return new UserId(value);
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

package dev.hydra.fuzz;

/**
 * A reader accepted input and returned something other than what was written, or what it accepted does not
 * read back the same: silent corruption, the worst outcome of a fuzz target. {@link FuzzCheck} counts these
 * apart from other crashes.
 */
final class WrongAccept extends AssertionError {

    private static final long serialVersionUID = 1L;

    WrongAccept(String what, Object expected, Object actual) {
        super(what + ": expected " + expected + " but read " + actual);
    }

    /**
     * Fails unless two values are equal.
     *
     * @param what what is compared, for the message
     * @param expected what was written
     * @param actual what was read
     */
    static void unlessEqual(String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new WrongAccept(what, expected, actual);
        }
    }
}
